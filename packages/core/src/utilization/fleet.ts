import type { Asset, Finding } from '../reconcile/types.ts';
import { utilizationOver, type DeviceUtilization, type HoursSummary } from './utilization.ts';
import { bookValue, isIdle } from './value.ts';
import { countWorkingHours, type WorkingHours } from './working-hours.ts';

const HOUR_MS = 3_600_000;

export interface FleetUtilizationOptions {
  fromMs: number;
  toMs: number;
  /** Days and hours, in the zone of devices whose asset and agent name none. */
  workingHours: WorkingHours;
  inUseCpuPercent: number;
  overloadedPercent: number;
  /** Idle below this utilization rate (0.1 = 10 %). */
  idleBelowRate: number;
  /** Depreciation life in months per asset category (lower-case); `default` for the rest. */
  lifeMonths: Record<string, number>;
}

export interface DeviceUtilizationRow extends DeviceUtilization {
  agentId: string;
  hostname: string | null;
  /** Where its working hours were counted: the asset's zone, else its agent's, else the default. */
  timeZone: string;
  /**
   * Where its working hours start counting: the period's start, or the hour its agent enrolled
   * (or first reported usage) when that was later. A device cannot be used before it is measured.
   */
  measuredFrom: string;
  assetTag: string | null;
  model: string | null;
  department: string | null;
  location: string | null;
  status: string | null;
  idle: boolean;
  /** Current straight-line book value, when the register has cost and purchase date. */
  bookValue: number | null;
}

export interface UtilizationGroup {
  key: string;
  devices: number;
  /** Mean utilization rate of the group's devices that had working hours. */
  utilizationRate: number | null;
  idle: number;
  /** Book value of the group's idle devices: money sitting unused. */
  idleCost: number;
  overloaded: number;
}

/**
 * Which register asset each agent reports for: the asset of every finding that names one and was
 * seen by that agent (`agent:<id>` among its sources). From a reconciliation, so the rules that
 * match a device to an asset are the same everywhere.
 */
export function assetsByAgent(findings: readonly Finding[]): Map<string, string> {
  const byAgent = new Map<string, string>();
  for (const f of findings) {
    if (!f.assetTag || f.kind === 'duplicate' || f.kind === 'conflict') continue;
    for (const source of f.sources) if (source.startsWith('agent:')) byAgent.set(source.slice('agent:'.length), f.assetTag);
  }
  return byAgent;
}

export interface UtilizationDevice {
  agentId: string;
  hostname: string | null;
  hours: HoursSummary;
  /** The zone its agent reports. */
  timeZone?: string | null;
  /** When its agent enrolled; null when unknown (then it counts as measured all period). */
  enrolledMs: number | null;
}

/**
 * Utilization per reporting device (from the summary of its hours in the period), with its
 * asset's register fields, idle flag and book value.
 */
export function fleetUtilization(
  devices: readonly UtilizationDevice[],
  assetOf: (agentId: string) => Asset | undefined,
  options: FleetUtilizationOptions,
): DeviceUtilizationRow[] {
  // Counted once per zone and start: a fleet has thousands of devices, a handful of zones, and
  // most of them measured since before the period. A zone this runtime does not know (an old
  // agent's, say) counts as none, and the next one is used.
  const workingHoursIn = new Map<string, number | null>();
  const countIn = (timeZone: string | null | undefined, fromMs = options.fromMs): number | null => {
    if (!timeZone) return null;
    const key = `${timeZone} ${fromMs}`;
    let count = workingHoursIn.get(key);
    if (count === undefined) {
      try {
        count = countWorkingHours(fromMs, options.toMs, { ...options.workingHours, timeZone });
      } catch {
        count = null;
      }
      workingHoursIn.set(key, count);
    }
    return count;
  };
  return devices.map((device) => {
    const asset = assetOf(device.agentId);
    const timeZone = [asset?.timeZone, device.timeZone].find((zone) => countIn(zone) !== null) ?? options.workingHours.timeZone;
    const measuredFromMs = measuredFrom(device, options.fromMs);
    const usage = utilizationOver(device.hours, countIn(timeZone, measuredFromMs) ?? 0, options.overloadedPercent);
    const life = (asset?.category && options.lifeMonths[asset.category.toLowerCase()]) || options.lifeMonths.default || 36;
    const value = asset?.purchaseCost != null && asset.purchaseDate ? bookValue(asset.purchaseCost, asset.purchaseDate, life, options.toMs) : null;
    return {
      agentId: device.agentId,
      hostname: device.hostname,
      timeZone,
      measuredFrom: new Date(measuredFromMs).toISOString(),
      assetTag: asset?.assetTag ?? null,
      model: asset?.model ?? null,
      department: asset?.department ?? null,
      location: asset?.location ?? null,
      status: asset?.status ?? null,
      ...usage,
      // Idle over a period is a claim about all of it: a device measured for part of it is rated, not judged.
      idle: asset && measuredFromMs <= options.fromMs ? isIdle(asset.status, usage.utilizationRate, options.idleBelowRate) : false,
      bookValue: value,
    };
  });
}

/**
 * The hour a device's measurement starts: its agent's enrollment, or its first online hour when
 * that came earlier (frames spooled before the agent first connected), never before `fromMs`.
 */
function measuredFrom(device: UtilizationDevice, fromMs: number): number {
  const enrolledHour = device.enrolledMs === null ? fromMs : Math.floor(device.enrolledMs / HOUR_MS) * HOUR_MS;
  return Math.max(fromMs, Math.min(enrolledHour, device.hours.firstHourMs ?? enrolledHour));
}

/** Rolls device rows up by model, department or location ("(none)" where the register has no value). */
export function groupUtilization(rows: readonly DeviceUtilizationRow[], by: 'model' | 'department' | 'location'): UtilizationGroup[] {
  const groups = new Map<string, DeviceUtilizationRow[]>();
  for (const row of rows) {
    const key = row[by] ?? '(none)';
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()]
    .map(([key, members]) => {
      const rates = members.map((m) => m.utilizationRate).filter((r): r is number => r !== null);
      return {
        key,
        devices: members.length,
        utilizationRate: rates.length ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10_000) / 10_000 : null,
        idle: members.filter((m) => m.idle).length,
        idleCost: Math.round(members.filter((m) => m.idle).reduce((sum, m) => sum + (m.bookValue ?? 0), 0) * 100) / 100,
        overloaded: members.filter((m) => m.overloaded).length,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}
