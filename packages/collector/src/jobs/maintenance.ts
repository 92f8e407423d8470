import cron from 'node-cron';
import type { Logger } from '../log.ts';
import { exclusive } from './exclusive.ts';
import type { RetentionService } from '../services/retention.ts';
import type { RollupService } from '../services/rollups.ts';
import type { RetentionDays } from '../retention-days.ts';

/** Roll-ups every 10 minutes; pruning nightly at 03:15 local time, after the discovery sweep. */
export const ROLLUP_SCHEDULE = '*/10 * * * *';
export const PRUNE_SCHEDULE = '15 3 * * *';

/**
 * Keeps the usage roll-ups current and the tables within their retention, never two runs at once.
 * Both jobs are safe on several collectors at once: roll-up chunks queue on the watermark lock,
 * and pruning deletes the same rows whoever runs it.
 */
export function scheduleMaintenance(
  rollups: RollupService,
  pruner: RetentionService,
  retention: RetentionDays,
  log: Logger,
): { stop(): void; rollupNow(): Promise<void>; pruneNow(): Promise<void> } {
  const rollup = exclusive('metrics roll-up', async () => ({ ...(await rollups.run()) }), log);
  const prune = exclusive('pruning', async () => ({ ...(await pruner.prune(retention)) }), log);
  const tasks = [cron.schedule(ROLLUP_SCHEDULE, rollup), cron.schedule(PRUNE_SCHEDULE, prune)];
  log.info({ rollup: ROLLUP_SCHEDULE, prune: PRUNE_SCHEDULE, retentionDays: retention }, 'metrics maintenance scheduled');
  return { stop: () => tasks.forEach((t) => void t.stop()), rollupNow: rollup, pruneNow: prune };
}
