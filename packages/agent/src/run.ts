import { join } from 'node:path';
import { CommandKind } from '@rollcall/protocol';
import { runDiscoveryJob } from './discovery.ts';
import { collectInProcess, type CollectInventory } from './inventory/collectors.ts';
import { reportInventory } from './inventory/report.ts';
import { startJobs } from './jobs.ts';
import { defaultSchedule, effectiveSchedule, type ScheduleOverrides } from './schedule.ts';
import { CollectorSession, type SessionOptions } from './session.ts';
import { Spool } from './spool.ts';
import { Uplink } from './uplink.ts';

export { backoffDelay } from './backoff.ts';

/** Connects, reports one full inventory, waits for its Ack and disconnects (no spool). */
export async function reportOnce(options: SessionOptions): Promise<{ seq: number; bytes: number }> {
  const inventory = await collectInProcess(options.log);
  const session = await CollectorSession.open(options);
  try {
    return await session.sendInventory(inventory);
  } finally {
    session.close();
  }
}

/**
 * The agent's normal life: usage is sampled and reported on schedule whether or not the collector
 * is reachable (frames wait in the on-disk spool, `<state dir>/spool`), and on every (re)connect
 * the spool is replayed in order and an inventory reported (only what changed since the last one
 * the collector committed). The collector's Welcome may override the local schedule. Resolves when
 * `signal` aborts; rejects only when the collector refuses the agent. `collect` is how inventories
 * are taken: in this process by default, in a child process for the daemon (see collectors.ts).
 */
export async function runConnected(
  options: SessionOptions,
  signal: AbortSignal,
  local: ScheduleOverrides = {},
  collect: CollectInventory = collectInProcess,
): Promise<void> {
  const spool = new Spool(join(options.state.dir, 'spool'));
  const uplink = new Uplink(options, spool);
  const base = defaultSchedule(options.state.agentId);
  const jobs = startJobs(uplink, effectiveSchedule(base, local), options.state, options.log, collect);
  try {
    await uplink.run(signal, async (session) => {
      jobs.reschedule(effectiveSchedule(base, local, session.welcome.schedule));
      session.onCommand((command) => {
        const act = () => {
          if (command.kind === CommandKind.COMMAND_KIND_FULL_INVENTORY) {
            options.state.inventoryBase = undefined; // the collector wants everything, not a delta
            void reportInventory(uplink, session, options.state, options.log, collect).catch((error: Error) =>
              options.log.warn({ err: error.message }, 'requested inventory failed'),
            );
          } else if (command.kind === CommandKind.COMMAND_KIND_METRICS_NOW) {
            void jobs.reportNow();
          } else if (command.kind === CommandKind.COMMAND_KIND_DISCOVERY && command.discovery) {
            void runDiscoveryJob(uplink, command.discovery, options.log);
          }
        };
        options.log.info({ command: command.kind, delayMs: command.delayMs }, 'collector asked for a report');
        setTimeout(act, Number(command.delayMs ?? 0)).unref();
      });
      void reportInventory(uplink, session, options.state, options.log, collect).catch((error: Error) =>
        options.log.warn({ err: error.message }, 'inventory report failed'),
      );
    });
  } finally {
    jobs.stop();
  }
}
