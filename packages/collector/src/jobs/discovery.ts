import cron from 'node-cron';
import { redactTargets, type SweepRequest } from '../discovery/targets.ts';
import { RollcallError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { exclusive } from './exclusive.ts';
import type { DiscoveryService } from '../services/discovery.ts';

/** Nightly, at 02:30 local time, unless the targets file names a `schedule`. */
export const DEFAULT_DISCOVERY_SCHEDULE = '30 2 * * *';

/**
 * Sweeps the configured targets on schedule. A sweep still running when the next one is due is
 * not doubled (the later one is skipped and logged). Logs counts, never community strings.
 */
export function scheduleDiscovery(discovery: DiscoveryService, request: SweepRequest, log: Logger): { stop(): void; runNow(): Promise<void> } {
  const schedule = request.schedule ?? DEFAULT_DISCOVERY_SCHEDULE;
  if (!cron.validate(schedule)) throw new RollcallError('BAD_INPUT', `the discovery schedule "${schedule}" is not a valid cron expression (e.g. "${DEFAULT_DISCOVERY_SCHEDULE}")`);
  const run = exclusive('discovery sweep', async () => {
    const report = await discovery.sweep(request);
    return { addresses: report.addresses, responded: report.responded, timedOut: report.timedOut, failed: report.failed.length, observations: report.observations, changes: report.changes, ms: report.durationMs };
  }, log);
  const task = cron.schedule(schedule, run);
  log.info({ schedule, targets: redactTargets(request.targets) }, 'discovery sweeps scheduled');
  return { stop: () => void task.stop(), runNow: run };
}
