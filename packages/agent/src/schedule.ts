import { createHash } from 'node:crypto';
import cron from 'node-cron';
import type { Schedule as WireSchedule } from '@rollcall/protocol';

/** When the agent collects what. */
export interface Schedule {
  /** node-cron expression for the full inventory. */
  inventoryCron: string;
  metricsSampleSeconds: number;
  metricsReportSeconds: number;
}

export type ScheduleOverrides = Partial<Schedule>;

/**
 * Defaults: inventory once a day at a time derived from the agent id — spread over the day so a
 * fleet does not report at midnight all at once, yet stable for each agent — metrics sampled every
 * minute and reported every five.
 */
export function defaultSchedule(agentId: string): Schedule {
  const hash = createHash('sha256').update(agentId).digest();
  const minuteOfDay = hash.readUInt16BE(0) % (24 * 60);
  return {
    inventoryCron: `${minuteOfDay % 60} ${Math.floor(minuteOfDay / 60)} * * *`,
    metricsSampleSeconds: 60,
    metricsReportSeconds: 300,
  };
}

/** Later layers win: defaults < config file < flags/env < the collector's Welcome. Invalid values are dropped. */
export function effectiveSchedule(base: Schedule, ...layers: (ScheduleOverrides | WireSchedule | null | undefined)[]): Schedule {
  const schedule = { ...base };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.inventoryCron && cron.validate(layer.inventoryCron)) schedule.inventoryCron = layer.inventoryCron;
    if (layer.metricsSampleSeconds && layer.metricsSampleSeconds > 0) schedule.metricsSampleSeconds = layer.metricsSampleSeconds;
    if (layer.metricsReportSeconds && layer.metricsReportSeconds > 0) schedule.metricsReportSeconds = layer.metricsReportSeconds;
  }
  schedule.metricsReportSeconds = Math.max(schedule.metricsReportSeconds, schedule.metricsSampleSeconds);
  return schedule;
}
