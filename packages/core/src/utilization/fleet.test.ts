import { describe, expect, it } from 'vitest';
import { makeAsset } from '../reconcile/asset.ts';
import type { Finding } from '../reconcile/types.ts';
import { assetsByAgent, fleetUtilization, groupUtilization } from './fleet.ts';
import { usageHours, type UsageReport } from './hours.ts';
import { summarizeHours } from './utilization.ts';

const H = 3_600_000;
const FROM = Date.parse('2026-11-16T00:00:00Z'); // a Monday
const TO = FROM + 7 * 24 * H;
const OPTIONS = {
  fromMs: FROM,
  toMs: TO,
  workingHours: { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 8, endHour: 18 },
  inUseCpuPercent: 5,
  overloadedPercent: 90,
  idleBelowRate: 0.1,
  lifeMonths: { default: 36, phone: 24 },
};
/** `n` in-use hours on Monday from 09:00 UTC. */
const used = (n: number) => {
  const reports: UsageReport[] = Array.from({ length: n }, (_, i) => ({ startMs: FROM + (9 + i) * H, endMs: FROM + (10 + i) * H, cpuAvg: 40, memoryAvg: 50, users: ['u'] }));
  return summarizeHours(usageHours(reports, 5));
};
const finding = (assetTag: string, sources: string[], kind: Finding['kind'] = 'matched') => ({ kind, assetTag, sources }) as unknown as Finding;

describe('fleet utilization', () => {
  const assets = new Map([
    ['LT-1', makeAsset({ assetTag: 'LT-1', status: 'deployed', department: 'Sales', model: 'X1', purchaseCost: 1800, purchaseDate: '2025-11-16', category: 'Laptop' })],
    ['LT-2', makeAsset({ assetTag: 'LT-2', status: 'deployed', department: 'Sales', model: 'X1', purchaseCost: 1800, purchaseDate: '2026-05-16' })],
    ['PH-1', makeAsset({ assetTag: 'PH-1', status: 'deployed', department: 'Ops', purchaseCost: 600, purchaseDate: '2026-11-16', category: 'Phone' })],
  ]);
  const byAgent = assetsByAgent([
    finding('LT-1', ['agent:a1', 'snmp:sw-3']),
    finding('LT-2', ['agent:a2']),
    finding('PH-1', ['agent:a3']),
    finding('LT-9', ['agent:a4'], 'duplicate'), // ambiguous: names no asset for the agent
  ]);
  const rows = fleetUtilization(
    [
      { agentId: 'a1', hostname: 'lt-1', hours: used(10), enrolledMs: null }, // 10 / 50 = 20 %
      { agentId: 'a2', hostname: 'lt-2', hours: used(2), enrolledMs: null }, // 2 / 50 = 4 %: idle
      { agentId: 'a3', hostname: 'ph-1', hours: used(1), enrolledMs: null }, // 1 / 50 = 2 %: idle
      { agentId: 'a5', hostname: 'lab-pc', hours: used(1), enrolledMs: null }, // no asset: never idle
    ],
    (agentId) => assets.get(byAgent.get(agentId) ?? ''),
    OPTIONS,
  );

  it('maps agents to assets through reconciliation findings', () => {
    expect([...byAgent]).toEqual([['a1', 'LT-1'], ['a2', 'LT-2'], ['a3', 'PH-1']]);
  });

  it('rates each device and flags the idle deployed ones, with their book value', () => {
    expect(rows.map((r) => [r.assetTag, r.utilizationRate, r.idle, r.bookValue])).toEqual([
      // Valued at the end of the period, 2026-11-23; a month is 365.25 / 12 days.
      ['LT-1', 0.2, false, 1188.91], // 1800 × (1 − (372 / 30.44) / 36); Laptop has no life of its own: default 36
      ['LT-2', 0.04, true, 1486.24], // 1800 × (1 − (191 / 30.44) / 36)
      ['PH-1', 0.02, true, 594.25], // 600 × (1 − (7 / 30.44) / 24): phones live 24 months
      [null, 0.02, false, null],
    ]);
  });

  it('counts working hours in the asset\'s zone, else the agent\'s, else the default', () => {
    const zoned = new Map([
      ['a1', makeAsset({ assetTag: 'LT-1', status: 'deployed', timeZone: 'Asia/Tokyo' })],
      ['a2', makeAsset({ assetTag: 'LT-2', status: 'deployed' })],
    ]);
    const monday = { ...OPTIONS, toMs: FROM + 12 * H, workingHours: { ...OPTIONS.workingHours, timeZone: 'America/New_York' } };
    const out = fleetUtilization(
      [
        { agentId: 'a1', hostname: null, hours: used(4), timeZone: 'Europe/Berlin', enrolledMs: null }, // the register wins
        { agentId: 'a2', hostname: null, hours: used(4), timeZone: 'Europe/Berlin', enrolledMs: null }, // the agent's zone
        { agentId: 'a3', hostname: null, hours: used(4), timeZone: 'Mars/Olympus', enrolledMs: null }, // unknown: the default
        { agentId: 'a4', hostname: null, hours: used(4), enrolledMs: null },
      ],
      (agentId) => zoned.get(agentId),
      monday,
    );
    // Monday 00:00–12:00 UTC is Tokyo 09:00–21:00 (9 working hours), Berlin 01:00–13:00 (5) and
    // New York Sunday 19:00 to Monday 07:00 (none). Four in-use hours each.
    expect(out.map((r) => [r.agentId, r.timeZone, r.workingHours, r.utilizationRate && Math.round(r.utilizationRate * 1e4) / 1e4])).toEqual([
      ['a1', 'Asia/Tokyo', 9, 0.4444],
      ['a2', 'Europe/Berlin', 5, 0.8],
      ['a3', 'America/New_York', 0, null],
      ['a4', 'America/New_York', 0, null],
    ]);
  });

  it('counts working hours from the hour a device was first measured, and judges it idle only when measured all period', () => {
    // a6 enrolled on Thursday at 10:20 (Mon–Wed unmeasured): Thursday 10:00–18:00 and Friday, 18
    // working hours, of which it used 1. a7 spooled usage from Wednesday 09:00 before it could
    // connect on Thursday: measured from its first online hour. a8 enrolled before the period.
    const thursday = FROM + 3 * 24 * H;
    const wednesdayNine = { startMs: FROM + 2 * 24 * H + 9 * H, endMs: FROM + 2 * 24 * H + 10 * H, cpuAvg: 40, memoryAvg: 50, users: ['u'] };
    const out = fleetUtilization(
      [
        { agentId: 'a6', hostname: null, hours: summarizeHours(usageHours([{ ...wednesdayNine, startMs: thursday + 11 * H, endMs: thursday + 12 * H }], 5)), enrolledMs: thursday + 10 * H + 20 * 60_000 },
        { agentId: 'a7', hostname: null, hours: summarizeHours(usageHours([wednesdayNine], 5)), enrolledMs: thursday + 10 * H },
        { agentId: 'a8', hostname: null, hours: used(1), enrolledMs: FROM - 90 * 24 * H },
      ],
      () => makeAsset({ assetTag: 'LT-X', status: 'deployed' }),
      OPTIONS,
    );
    expect(out.map((r) => [r.agentId, r.measuredFrom, r.inUseHours, r.workingHours, r.utilizationRate, r.idle])).toEqual([
      ['a6', '2026-11-19T10:00:00.000Z', 1, 18, 1 / 18, false], // 5.6 %, but measured for 2 of 7 days: not judged idle
      ['a7', '2026-11-18T09:00:00.000Z', 1, 29, 1 / 29, false], // Wednesday 09:00–18:00 and two whole days
      ['a8', '2026-11-16T00:00:00.000Z', 1, 50, 0.02, true],
    ]);
  });

  it('adds idle cost up per department', () => {
    expect(groupUtilization(rows, 'department')).toEqual([
      { key: '(none)', devices: 1, utilizationRate: 0.02, idle: 0, idleCost: 0, overloaded: 0 },
      { key: 'Ops', devices: 1, utilizationRate: 0.02, idle: 1, idleCost: 594.25, overloaded: 0 },
      { key: 'Sales', devices: 2, utilizationRate: 0.12, idle: 1, idleCost: 1486.24, overloaded: 0 },
    ]);
  });
});
