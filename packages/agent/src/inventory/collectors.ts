import { spawn } from 'node:child_process';
import { decodeFrame, type Inventory } from '@rollcall/protocol';
import { AgentError } from '../errors.ts';
import type { Logger } from '../log.ts';

export type CollectInventory = (log: Logger) => Promise<Inventory>;

/** In this process, for one-shot commands and tests; the collecting code is loaded on first use. */
export const collectInProcess: CollectInventory = async (log) => (await import('./collect.ts')).collectInventory(log);

/** An inventory run that has not finished by then is killed: a hung tool must not stall the agent for ever. */
const CHILD_TIMEOUT_MS = 10 * 60_000;

/**
 * Collects the inventory in a short-lived child process (`rollcall-agent inventory --format
 * protobuf`), as osquery's worker and GLPI's task runners do: the hardware library and the
 * parsing of hundreds of packages never stay resident in the daemon, a crash or hang in a probe
 * cannot take the daemon down, and the memory of the run goes back to the OS when it ends.
 */
export function collectInChildProcess(entry = process.argv[1]!): CollectInventory {
  return (log) =>
    new Promise<Inventory>((resolve, reject) => {
      const level = ['debug', 'info', 'warn', 'error'].includes(log.level) ? log.level : 'error';
      const child = spawn(process.execPath, [...process.execArgv, entry, 'inventory', '--format', 'protobuf', '--log-level', level], {
        stdio: ['ignore', 'pipe', 'inherit'], // its logs join ours on stderr
        timeout: CHILD_TIMEOUT_MS,
        windowsHide: true,
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.once('error', (error) => reject(new AgentError('INVENTORY', `could not start the inventory process: ${error.message}`)));
      child.once('close', (code, signal) => {
        if (code !== 0) {
          reject(new AgentError('INVENTORY', `the inventory process ${signal ? `was killed (${signal})` : `exited with code ${code}`}`));
          return;
        }
        try {
          const frame = decodeFrame(Buffer.concat(chunks));
          if (frame.kind !== 'inventory') throw new Error(`got a ${frame.kind} frame`);
          resolve(frame.inventory);
        } catch (error) {
          reject(new AgentError('INVENTORY', `the inventory process printed no inventory: ${(error as Error).message}`));
        }
      });
    });
}
