import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { RollcallError } from '../errors.ts';
import type { RunningServer } from '../server.ts';

/**
 * Runs the agent of this installation once against `server`, as a separate process exactly as
 * on a real endpoint. $ROLLCALL_AGENT_BIN overrides where the agent is found (default: PATH).
 */
export async function runLocalAgent(server: RunningServer, stateDir = resolve('.rollcall/agent')): Promise<void> {
  const bin = process.env.ROLLCALL_AGENT_BIN || 'rollcall-agent';
  const args = ['run', '--once', '--server', server.agentUrl, '--token', server.enrollToken, '--state-dir', stateDir];
  const output: Buffer[] = [];
  const code = await new Promise<number>((done, fail) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new RollcallError(
          'NOT_FOUND',
          error.code === 'ENOENT'
            ? `cannot find the agent (${bin}); run the demo from the repository root with \`pnpm demo\`, or set ROLLCALL_AGENT_BIN`
            : `cannot start the agent (${bin}): ${error.message}`,
          { cause: error },
        ),
      ),
    );
    child.once('exit', (exitCode) => done(exitCode ?? 1));
  });
  if (code !== 0) {
    throw new RollcallError('INTERNAL', `the agent exited with code ${code}:\n${Buffer.concat(output).toString().trim()}`);
  }
}

export async function demoDevices(server: RunningServer) {
  return server.services.devices.list();
}
