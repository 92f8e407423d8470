import cron from 'node-cron';
import { RollcallError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { ReconciliationService } from '../services/reconciliation.ts';
import { exclusive } from './exclusive.ts';
import { DEFAULT_RECONCILE_SCHEDULE } from './reconcile-schedule.ts';

export { DEFAULT_RECONCILE_SCHEDULE };
/** What a scheduled run is: as of the moment it runs, with the default window. */
export const SCHEDULED_GHOST_AFTER_DAYS = 30;

/**
 * A reconcile schedule as `serve` takes it: a cron expression (five fields, or six with seconds
 * first), or `off` (returned as null) for no scheduled runs.
 */
export function parseReconcileSchedule(text: string, what = '--reconcile-schedule'): string | null {
  const schedule = text.trim();
  if (schedule.toLowerCase() === 'off') return null;
  if (!cron.validate(schedule)) {
    throw new RollcallError('BAD_INPUT', `${what} ${JSON.stringify(text)}: expected a cron expression like "${DEFAULT_RECONCILE_SCHEDULE}" (minute hour day month weekday), or off`);
  }
  return schedule;
}

/**
 * Records a reconciliation run on `schedule` (checked by parseReconcileSchedule), so reports and
 * `--new` have a recent baseline without anyone's read changing it. A run still going when the
 * next is due is not doubled.
 */
export function scheduleReconciliation(reconciliation: ReconciliationService, schedule: string, log: Logger): { stop(): void; runNow(): Promise<void> } {
  const run = exclusive('reconciliation run', async () => {
    const report = await reconciliation.run({ asOf: new Date(), ghostAfterDays: SCHEDULED_GHOST_AFTER_DAYS, record: true });
    return { runId: report.runId, ...report.summary };
  }, log);
  const task = cron.schedule(schedule, run);
  log.info({ schedule, ghostAfterDays: SCHEDULED_GHOST_AFTER_DAYS }, 'reconciliation runs scheduled');
  return { stop: () => void task.stop(), runNow: run };
}
