import { describeTarget, type DatabaseTarget } from '../db/target.ts';
import { RollcallError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { startServer, type RunningServer, type ServerOptions } from '../server.ts';

/** Starts the server; on a busy default port falls back to a free one when `fallback` is set. */
export async function startOnPort(
  options: ServerOptions & { command: string },
  fallback: boolean,
): Promise<RunningServer> {
  try {
    return await startServer(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (fallback) return startServer({ ...options, port: 0 });
    throw new RollcallError('BAD_INPUT', `port ${options.port} is already in use; pick another with --port`, { cause: error });
  }
}

export function banner(server: RunningServer, db: DatabaseTarget): string {
  return [
    `rollcall collector ${server.url} (${describeTarget(db)})`,
    `  API:              ${server.url}/api/devices`,
    `  agents connect:   rollcall-agent run --server ${server.agentUrl} --token ${server.enrollToken}`,
    `  enrollment token: ${server.enrollToken}`,
    `  scheduled:        ${Object.entries(server.schedules).map(([job, cron]) => `${job} ${cron}`).join('; ')}`,
    '',
  ].join('\n');
}

/** Resolves on SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
