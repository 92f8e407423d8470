import { usageHours, type UsageHour, type UsageReport } from './hours.ts';
import { countWorkingHours, DEFAULT_WORKING_HOURS, type WorkingHours } from './working-hours.ts';

export interface UtilizationOptions {
  fromMs: number;
  toMs: number;
  workingHours?: WorkingHours;
  /** An online hour with a user logged in counts as in use above this average CPU % (default 5). */
  inUseCpuPercent?: number;
  /** CPU or memory p95 above this % means overloaded (default 90). */
  overloadedPercent?: number;
}

/** What a device's online hours in a period add up to: all utilization needs from them. */
export interface HoursSummary {
  onlineHours: number;
  inUseHours: number;
  /** 95th percentile (nearest rank) of the hourly average CPU and memory %, null without hours. */
  cpuP95: number | null;
  memoryP95: number | null;
  /** Start of its earliest online hour, null without hours: before it, the device may not have been measured. */
  firstHourMs: number | null;
}

export interface DeviceUtilization extends HoursSummary {
  workingHours: number;
  /** inUseHours / workingHours, capped at 1; null when the period has no working hours. */
  utilizationRate: number | null;
  overloaded: boolean;
}

/** Counts a device's hours (see usageHours) and takes the p95 of their CPU and memory averages. */
export function summarizeHours(hours: readonly UsageHour[]): HoursSummary {
  return {
    onlineHours: hours.length,
    inUseHours: hours.filter((h) => h.inUse).length,
    cpuP95: percentile(hours.map((h) => h.cpuAvg), 95),
    memoryP95: percentile(hours.map((h) => h.memoryAvg), 95),
    firstHourMs: hours.reduce<number | null>((first, h) => (first === null || h.hourStartMs < first ? h.hourStartMs : first), null),
  };
}

/**
 * A device's utilization over [fromMs, toMs) from its hours there: in-use hours over the working
 * hours of the period, capped at 100 %; overloaded when the CPU or memory p95 is above the limit.
 */
export function utilizationOf(summary: HoursSummary, options: UtilizationOptions): DeviceUtilization {
  const workingHours = countWorkingHours(options.fromMs, options.toMs, options.workingHours ?? DEFAULT_WORKING_HOURS);
  return utilizationOver(summary, workingHours, options.overloadedPercent);
}

/** utilizationOf with the period's working hours already counted. */
export function utilizationOver(summary: HoursSummary, workingHours: number, overloadedPercent = 90): DeviceUtilization {
  const limit = overloadedPercent;
  return {
    ...summary,
    workingHours,
    utilizationRate: workingHours > 0 ? Math.min(1, summary.inUseHours / workingHours) : null,
    overloaded: (summary.cpuP95 ?? 0) > limit || (summary.memoryP95 ?? 0) > limit,
  };
}

/**
 * A device's utilization over [fromMs, toMs) from its raw reports. Every number can be checked by
 * hand from the hourly series.
 */
export function deviceUtilization(reports: readonly UsageReport[], options: UtilizationOptions): DeviceUtilization {
  const inPeriod = reports.filter((r) => r.endMs >= options.fromMs && r.startMs < options.toMs);
  const hours = usageHours(inPeriod, options.inUseCpuPercent ?? 5).filter((h) => h.hourStartMs >= options.fromMs && h.hourStartMs < options.toMs);
  return utilizationOf(summarizeHours(hours), options);
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
