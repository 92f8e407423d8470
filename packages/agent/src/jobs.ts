import cron from 'node-cron';
import { reportInventory } from './inventory/report.ts';
import type { Logger } from './log.ts';
import { MetricsAggregator } from './metrics/aggregate.ts';
import { runningProcessNames, takeSample } from './metrics/sampler.ts';
import type { Schedule } from './schedule.ts';
import type { CollectorSession } from './session.ts';
import type { AgentState } from './state.ts';

/**
 * While connected: sample usage, report a MetricsBatch per interval, and send a full inventory on
 * the inventory schedule. Returns a function that stops all of it.
 */
export function startJobs(session: CollectorSession, schedule: Schedule, state: AgentState, log: Logger): () => void {
  const aggregator = new MetricsAggregator();
  const sample = () =>
    takeSample()
      .then((s) => aggregator.add(s))
      .catch((error: Error) => log.warn({ err: error.message }, 'metrics sample failed'));
  const report = async () => {
    if (aggregator.empty) return;
    const batch = aggregator.flush(await runningProcessNames().catch(() => []));
    if (batch) await session.sendMetrics(batch).catch((error: Error) => log.warn({ err: error.message }, 'metrics report failed'));
  };
  void sample();
  const sampling = setInterval(() => void sample(), schedule.metricsSampleSeconds * 1000);
  const reporting = setInterval(() => void report(), schedule.metricsReportSeconds * 1000);
  const inventory = cron.schedule(schedule.inventoryCron, async () => {
    try {
      await reportInventory(session, state, log);
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'scheduled inventory failed');
    }
  });
  log.info({ schedule }, 'jobs scheduled');
  return () => {
    clearInterval(sampling);
    clearInterval(reporting);
    void inventory.stop();
  };
}
