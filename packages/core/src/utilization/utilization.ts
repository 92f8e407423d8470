import { usageHours, type UsageReport } from './hours.ts';
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

export interface DeviceUtilization {
  onlineHours: number;
  inUseHours: number;
  workingHours: number;
  /** inUseHours / workingHours, capped at 1; null when the period has no working hours. */
  utilizationRate: number | null;
  /** 95th percentile (nearest rank) of the reports' average CPU and memory %, null without reports. */
  cpuP95: number | null;
  memoryP95: number | null;
  overloaded: boolean;
}

/**
 * A device's utilization over [fromMs, toMs): in-use hours (see usageHours) over the working hours
 * of the period, capped at 100 %. Every number can be checked by hand from the hourly series.
 */
export function deviceUtilization(reports: readonly UsageReport[], options: UtilizationOptions): DeviceUtilization {
  const inPeriod = reports.filter((r) => r.endMs >= options.fromMs && r.startMs < options.toMs);
  const hours = usageHours(inPeriod, options.inUseCpuPercent ?? 5).filter((h) => h.hourStartMs >= options.fromMs && h.hourStartMs < options.toMs);
  const workingHours = countWorkingHours(options.fromMs, options.toMs, options.workingHours ?? DEFAULT_WORKING_HOURS);
  const inUseHours = hours.filter((h) => h.inUse).length;
  const cpuP95 = percentile(inPeriod.map((r) => r.cpuAvg), 95);
  const memoryP95 = percentile(inPeriod.map((r) => r.memoryAvg), 95);
  const limit = options.overloadedPercent ?? 90;
  return {
    onlineHours: hours.length,
    inUseHours,
    workingHours,
    utilizationRate: workingHours > 0 ? Math.min(1, inUseHours / workingHours) : null,
    cpuP95,
    memoryP95,
    overloaded: (cpuP95 ?? 0) > limit || (memoryP95 ?? 0) > limit,
  };
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
