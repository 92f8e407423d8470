import { scheduleCron } from './cron/timer.ts';
import type { CollectInventory } from './inventory/collectors.ts';
import { reportInventory } from './inventory/report.ts';
import type { Logger } from './log.ts';
import { MetricsAggregator } from './metrics/aggregate.ts';
import { createLastInputReader } from './metrics/last-input.ts';
import { createSampler, runningProcessNames } from './metrics/sampler.ts';
import type { Schedule } from './schedule.ts';
import type { AgentState } from './state.ts';
import type { Uplink } from './uplink.ts';

export interface Jobs {
  reschedule(schedule: Schedule): void;
  /** Reports the metrics aggregated so far, now. */
  reportNow(): Promise<void>;
  stop(): void;
}

/**
 * Usage is sampled and reported on schedule whether or not the collector is reachable (reports
 * wait in the spool); the scheduled inventory runs only while connected, since a fresh one is
 * reported on every reconnect anyway.
 */
export function startJobs(uplink: Uplink, initial: Schedule, state: AgentState, log: Logger, collect: CollectInventory): Jobs {
  const aggregator = new MetricsAggregator();
  const takeSample = createSampler();
  const readLastInput = createLastInputReader(log);
  const sample = (withSlowParts = false) =>
    takeSample(withSlowParts)
      .then((s) => aggregator.add(s))
      .catch((error: Error) => log.warn({ err: error.message }, 'metrics sample failed'));
  const report = async () => {
    if (aggregator.empty) return;
    await sample(true); // disks and users, once per report
    // Like the slow parts, once per report: each spawns a tool or walks /proc.
    const [processes, lastInputMs] = await Promise.all([runningProcessNames().catch(() => []), readLastInput()]);
    const metrics = aggregator.flush(processes, lastInputMs);
    if (metrics) void uplink.send({ kind: 'metrics', metrics });
  };
  const inventory = async () => {
    const session = uplink.connected;
    if (!session) return;
    try {
      await reportInventory(uplink, session, state, log, collect);
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'scheduled inventory failed');
    }
  };

  let current: Schedule | undefined;
  let stopTimers = () => {};
  const start = (schedule: Schedule) => {
    const sampling = setInterval(() => void sample(), schedule.metricsSampleSeconds * 1000);
    const reporting = setInterval(() => void report(), schedule.metricsReportSeconds * 1000);
    // Not cron.schedule: node-cron's scheduler keeps ICU's data resident (see cron/next-run.ts).
    const inventoryTask = scheduleCron(schedule.inventoryCron, inventory, (error) =>
      log.warn({ err: (error as Error).message }, 'scheduled inventory failed'),
    );
    stopTimers = () => {
      clearInterval(sampling);
      clearInterval(reporting);
      inventoryTask.stop();
    };
    current = schedule;
    log.info({ schedule }, 'jobs scheduled');
  };
  void sample(true);
  start(initial);
  return {
    reschedule(schedule) {
      if (current && JSON.stringify(current) === JSON.stringify(schedule)) return;
      stopTimers();
      start(schedule);
    },
    reportNow: report,
    stop: () => stopTimers(),
  };
}
