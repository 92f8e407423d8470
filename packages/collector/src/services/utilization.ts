import {
  assetsByAgent,
  fleetUtilization,
  describeWorkingHours,
  groupUtilization,
  isInUse,
  parseWorkingHours,
  macVendor,
  percentile,
  reconcile,
  workingHourTest,
  type Asset,
  type DeviceUtilizationRow,
  type UtilizationGroup,
  type WorkingHours,
} from '@rollcall/core';
import { RollcallError } from '../errors.ts';
import type { Stores } from '../store/index.ts';

export const UTILIZATION_GROUPS = ['device', 'model', 'department', 'location'] as const;
export type UtilizationGroupBy = (typeof UTILIZATION_GROUPS)[number];

export interface UtilizationRequest {
  asOf: Date;
  periodDays: number;
  by: UtilizationGroupBy;
  /** IANA zone of the working hours of devices whose asset and agent name none; default the collector's own. */
  timeZone?: string;
  /** Days and whole hours, e.g. `Mon-Fri 08:00-18:00` (the default). */
  workingHours?: string;
  inUseCpuPercent?: number;
  idleBelowPercent?: number;
  /** Depreciation life in months per category (lower-case); `default` for the rest (36). */
  lifeMonths?: Record<string, number>;
}

export interface UtilizationReport {
  asOf: string;
  from: string;
  periodDays: number;
  /** timeZone: the default zone; each device row says the zone its working hours were counted in. */
  definitions: { timeZone: string; workingHours: string; inUseCpuPercent: number; idleBelowPercent: number; overloadedPercent: number; lifeMonths: Record<string, number> };
  summary: { devices: number; medianUtilizationRate: number | null; idle: number; idleCost: number; overloaded: number };
  devices: DeviceUtilizationRow[];
  groups?: UtilizationGroup[];
}

const DAY_MS = 86_400_000;
const DEFAULT_SCHEDULE = 'Mon-Fri 08:00-18:00';

/**
 * Utilization figures from the agents' usage reports: per device (with its register asset, found
 * by the same rules as reconciliation), and rolled up by model, department or location.
 */
export class UtilizationService {
  constructor(private readonly stores: Pick<Stores, 'agents' | 'devices' | 'assets' | 'observations' | 'rollups'>) {}

  async report(request: UtilizationRequest): Promise<UtilizationReport> {
    const timeZone = request.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    let workingHours: WorkingHours;
    try {
      workingHours = { timeZone, ...parseWorkingHours(request.workingHours ?? DEFAULT_SCHEDULE) };
    } catch (error) {
      // parseUtilizationRequest names the parameter as the caller spelled it; this is for callers without it.
      throw new RollcallError('BAD_INPUT', (error as Error).message);
    }
    try {
      workingHourTest(workingHours);
    } catch (error) {
      throw new RollcallError('BAD_INPUT', (error as Error).message);
    }
    const toMs = request.asOf.getTime();
    const fromMs = toMs - request.periodDays * DAY_MS;
    const inUseCpuPercent = request.inUseCpuPercent ?? 5;
    const [summaries, agents, devices, assets, observations] = await Promise.all([
      this.stores.rollups.summaries(fromMs, toMs, inUseCpuPercent),
      this.stores.agents.list(),
      this.stores.devices.list(),
      this.stores.assets.list(),
      this.stores.observations.until(request.asOf),
    ]);
    const byTag = new Map<string, Asset>(assets.map((a) => [a.assetTag, a]));
    const tagOf = assetsByAgent(reconcile(assets, observations, { asOf: request.asOf, ghostAfterDays: request.periodDays, macVendor }).findings);
    const byId = new Map(agents.map((a) => [a.id, a]));
    const zones = new Map(devices.map((d) => [d.agentId, d.timeZone]));
    const lifeMonths = { default: 36, ...request.lifeMonths };
    const idleBelowPercent = request.idleBelowPercent ?? 10;
    const rows = fleetUtilization(
      [...summaries].map(([agentId, hours]) => ({
        agentId,
        hostname: byId.get(agentId)?.hostname ?? null,
        hours,
        timeZone: zones.get(agentId) ?? null,
        enrolledMs: byId.get(agentId)?.firstSeen.getTime() ?? null,
      })),
      (agentId) => byTag.get(tagOf.get(agentId) ?? ''),
      { fromMs, toMs, workingHours, inUseCpuPercent, overloadedPercent: 90, idleBelowRate: idleBelowPercent / 100, lifeMonths },
    ).sort((a, b) => (a.utilizationRate ?? -1) - (b.utilizationRate ?? -1) || a.agentId.localeCompare(b.agentId));
    const idle = rows.filter((r) => r.idle);
    return {
      asOf: request.asOf.toISOString(),
      from: new Date(fromMs).toISOString(),
      periodDays: request.periodDays,
      definitions: { timeZone, workingHours: describeWorkingHours(workingHours), inUseCpuPercent, idleBelowPercent, overloadedPercent: 90, lifeMonths },
      summary: {
        devices: rows.length,
        medianUtilizationRate: percentile(rows.map((r) => r.utilizationRate).filter((r): r is number => r !== null), 50),
        idle: idle.length,
        idleCost: Math.round(idle.reduce((sum, r) => sum + (r.bookValue ?? 0), 0) * 100) / 100,
        overloaded: rows.filter((r) => r.overloaded).length,
      },
      devices: rows,
      ...(request.by === 'device' ? {} : { groups: groupUtilization(rows, request.by) }),
    };
  }

  /** One device's hours in the period, for charts: online hours with their CPU and whether in use. */
  async hours(agentId: string, request: Pick<UtilizationRequest, 'asOf' | 'periodDays' | 'inUseCpuPercent'>): Promise<{ agentId: string; hours: { hour: string; cpuAvg: number; memoryAvg: number; userLoggedIn: boolean; input: boolean | null; inUse: boolean }[] }> {
    // An unknown id is a mistake to name, not a device that was never online.
    if (!(await this.stores.agents.get(agentId))) throw new RollcallError('NOT_FOUND', `no agent ${JSON.stringify(agentId)} has enrolled; GET /api/agents lists the agents`);
    const toMs = request.asOf.getTime();
    const threshold = request.inUseCpuPercent ?? 5;
    const hours = await this.stores.rollups.hours(agentId, toMs - request.periodDays * DAY_MS, toMs);
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      agentId,
      hours: hours.map((h) => ({
        hour: new Date(h.hourStartMs).toISOString(),
        cpuAvg: round(h.cpuAvg),
        memoryAvg: round(h.memoryAvg),
        userLoggedIn: h.userLoggedIn,
        input: h.input,
        inUse: isInUse(h, threshold),
      })),
    };
  }
}
