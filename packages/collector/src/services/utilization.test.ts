import { beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../store/index.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { createServices, type Services } from './index.ts';
import { QUERY } from '../spelling.ts';
import { parseUtilizationRequest } from './params.ts';

// Three agents over the week of Monday 16 November 2026 (UTC): a1 reports for laptop LT-1 and is
// in use 5 hours on Monday and on Tuesday; a2 reports for LT-2 and is in use 2 hours; a3 matches no
// asset. Working hours: 5 × 10 = 50.
const H = 3_600_000;
const MONDAY = Date.parse('2026-11-16T00:00:00Z');
const ENROLLED = new Date('2026-07-01T00:00:00Z');
const REGISTER = [
  'Asset Tag,Serial Number,Status,Department,Model Name,Category,Purchase Cost,Purchase Date',
  'LT-1,S1,Deployed,Sales,X1,Laptop,1800,2025-11-23',
  'LT-2,S2,Deployed,Sales,X1,Laptop,1800,2025-11-23',
].join('\n');

describe.each(testBackends())('utilization on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let services: Services;
  let stores: Stores;

  beforeAll(async () => {
    if (!backend.available) return;
    stores = createStores(suite.database.db);
    services = createServices(suite.database.db, stores);
    await services.register.import(REGISTER, {}, 'test');
    await stores.observations.insertMany(
      ['a1', 'a2'].map((agent, i) => ({ source: `agent:${agent}`, seenAt: new Date(MONDAY + 48 * H), hostname: `lt-${i + 1}`, serial: `S${i + 1}`, uuid: null, macs: [], ips: [], vendor: null, model: null })),
      new Date(),
    );
    const now = new Date();
    for (const [agentId, hours] of [['a1', [9, 10, 11, 12, 13, 33, 34, 35, 36, 37]], ['a2', [9, 10]], ['a3', [9]]] as const) {
      // Enrolled in the summer: measured for the whole of every period below.
      await stores.agents.enroll({ id: agentId, keyHash: 'x', agentVersion: 'test', platform: 'linux', hostname: `host-${agentId}`, now: ENROLLED });
      let seq = 0;
      for (const h of hours) {
        const startAt = new Date(MONDAY + h * H);
        await stores.metrics.record({
          agentId,
          seq: ++seq,
          receivedAt: now,
          batch: { startAt, endAt: new Date(startAt.getTime() + H), samples: 60, cpuMin: 10, cpuAvg: 40, cpuMax: 80, memoryMin: 50, memoryAvg: 50, memoryMax: 50, mounts: [], netRxBytes: 0, netTxBytes: 0, uptimeSeconds: 1000, users: ['ann'], processes: [] },
        });
      }
    }
  });

  /** A full inventory from `agentId` with this snapshot; device fields blank unless given. */
  const inventory = (agentId: string, seq: number, snapshot: Record<string, unknown>, device: { serial?: string; timeZone?: string } = {}, receivedAt = new Date()) =>
    stores.inventories.record({
      agentId,
      seq,
      full: true,
      device: { hostname: `host-${agentId}`, serial: '', smbiosUuid: '', machineId: '', macs: [], manufacturer: '', model: '', os: '', timeZone: '', ...device },
      collectedAt: null,
      receivedAt,
      frameBytes: 1,
      snapshot,
      observations: [],
    });

  const request = (by = 'device') => parseUtilizationRequest({ period: '7d', asOf: '2026-11-23T00:00:00Z', timeZone: 'UTC', by });

  it.skipIf(!backend.available)('rates every reporting device, ties it to its asset and flags the idle one', async () => {
    const report = await services.utilization.report(request());
    expect(report.devices.map((d) => [d.agentId, d.assetTag, d.inUseHours, d.workingHours, d.utilizationRate, d.idle, d.bookValue])).toEqual([
      ['a3', null, 1, 50, 0.02, false, null], // no asset: never idle
      ['a2', 'LT-2', 2, 50, 0.04, true, 1200.41], // 1800 × (1 − (365 / 30.44) / 36)
      ['a1', 'LT-1', 10, 50, 0.2, false, 1200.41],
    ]);
    expect(report.summary).toEqual({ devices: 3, medianUtilizationRate: 0.04, idle: 1, idleCost: 1200.41, overloaded: 0 });
  });

  it.skipIf(!backend.available)('rolls up by department, with the idle cost', async () => {
    const report = await services.utilization.report(request('department'));
    expect(report.groups).toEqual([
      { key: '(none)', devices: 1, utilizationRate: 0.02, idle: 0, idleCost: 0, overloaded: 0 },
      { key: 'Sales', devices: 2, utilizationRate: 0.12, idle: 1, idleCost: 1200.41, overloaded: 0 },
    ]);
  });

  it.skipIf(!backend.available)('meters software: installed titles against the processes the agents saw', async () => {
    // a1 ran Chrome (rule chrome → google chrome) in its reports; a2 has it installed and never ran it.
    for (const [agentId, seq] of [['a1', 100], ['a2', 100]] as const) {
      await inventory(agentId, seq, { software: [{ name: 'Google Chrome', publisher: 'Google LLC' }, { name: 'htop', publisher: '' }, { name: 'libssl3', publisher: 'Debian', section: 'libs' }] });
    }
    await stores.metrics.record({
      agentId: 'a1',
      seq: 101,
      receivedAt: new Date(),
      batch: { startAt: new Date(MONDAY), endAt: new Date(MONDAY + H), samples: 1, cpuMin: 1, cpuAvg: 1, cpuMax: 1, memoryMin: 1, memoryAvg: 1, memoryMax: 1, mounts: [], netRxBytes: 0, netTxBytes: 0, uptimeSeconds: 1, users: [], processes: ['chrome', 'bash'] },
    });
    const report = await services.software.report({ asOf: new Date('2026-11-23T00:00:00Z'), unusedDays: 90 });
    expect(report.devices).toBe(2);
    expect(report.titles).toEqual([
      { title: 'htop', publisher: null, installs: 2, usedIn30Days: 0, usedIn90Days: 0, unusedOn: ['a1', 'a2'], meteredTooBrieflyOn: [], library: false },
      { title: 'google chrome', publisher: 'Google LLC', installs: 2, usedIn30Days: 1, usedIn90Days: 1, unusedOn: ['a2'], meteredTooBrieflyOn: [], library: false },
    ]);
    // The library is left out (counted), unless asked for.
    expect(report.librariesLeftOut).toBe(1);
    const all = await services.software.report({ asOf: new Date('2026-11-23T00:00:00Z'), unusedDays: 90, includeLibraries: true });
    expect([all.librariesLeftOut, all.titles.find((t) => t.title === 'libssl3')]).toEqual([0, expect.objectContaining({ installs: 2, unusedOn: ['a1', 'a2'], library: true })]);
  });

  it.skipIf(!backend.available)('counts each device\'s working hours in its asset\'s zone, else its agent\'s, with the schedule asked for', async () => {
    await inventory('a3', 100, {}, { timeZone: 'Asia/Tokyo' });
    await services.register.update('LT-2', { timeZone: 'america/new_york' }, 'test');
    expect((await services.register.get('LT-2')).timeZone).toBe('America/New_York');
    // a2 seen on Monday morning too, so it is tied to LT-2 in a period ending then.
    await stores.observations.insertMany(
      [{ source: 'agent:a2', seenAt: new Date('2026-11-16T10:00:00Z'), hostname: 'lt-2', serial: 'S2', uuid: null, macs: [], ips: [], vendor: null, model: null }],
      new Date(),
    );
    const report = await services.utilization.report(parseUtilizationRequest({ period: '1d', asOf: '2026-11-16T12:00:00Z', timeZone: 'UTC', workingHours: 'Mon-Fri 09:00-17:00' }));
    // Sunday 12:00Z to Monday 12:00Z is, locally, Sun 12:00 → Mon 12:00 in UTC (3 working hours),
    // Sun 07:00 → Mon 07:00 in New York (none) and Sun 21:00 → Mon 21:00 in Tokyo (8).
    expect(report.devices.map((d) => [d.agentId, d.assetTag, d.timeZone, d.workingHours]).sort()).toEqual([
      ['a1', null, 'UTC', 3],
      ['a2', 'LT-2', 'America/New_York', 0],
      ['a3', null, 'Asia/Tokyo', 8],
    ]);
    expect(report.definitions).toMatchObject({ timeZone: 'UTC', workingHours: 'Mon–Fri 09:00–17:00' });
    await expect(services.register.update('LT-2', { timeZone: 'Mars/Olympus' }, 'test')).rejects.toThrow(/unknown time zone "Mars\/Olympus"/);
  });

  it.skipIf(!backend.available)('gives one device\'s hours, and names an agent that never enrolled', async () => {
    const request = parseUtilizationRequest({ period: '7d', asOf: new Date(MONDAY + 7 * 24 * H).toISOString() });
    const { hours } = await services.utilization.hours('a2', request);
    expect(hours.map((h) => h.hour)).toEqual([new Date(MONDAY + 9 * H).toISOString(), new Date(MONDAY + 10 * H).toISOString()]);
    await expect(services.utilization.hours('a9', request)).rejects.toThrow(/no agent "a9" has enrolled/);
  });

  it.skipIf(!backend.available)('rates a device enrolled during the period over its own hours, and judges neither idleness nor unused software on it yet', async () => {
    // a4 enrolled on Thursday at 10:20 and was in use from 11:00 to 12:00, for LT-3.
    const enrolled = new Date('2026-11-19T10:20:00Z');
    await services.register.import('Asset Tag,Serial Number,Status\nLT-3,S3,Deployed', {}, 'test');
    await stores.observations.insertMany(
      [{ source: 'agent:a4', seenAt: new Date('2026-11-19T11:00:00Z'), hostname: 'lt-3', serial: 'S3', uuid: null, macs: [], ips: [], vendor: null, model: null }],
      enrolled,
    );
    await stores.agents.enroll({ id: 'a4', keyHash: 'x', agentVersion: 'test', platform: 'linux', hostname: 'host-a4', now: enrolled });
    await stores.metrics.record({
      agentId: 'a4',
      seq: 1,
      receivedAt: enrolled,
      batch: { startAt: new Date('2026-11-19T11:00:00Z'), endAt: new Date('2026-11-19T12:00:00Z'), samples: 60, cpuMin: 10, cpuAvg: 40, cpuMax: 80, memoryMin: 50, memoryAvg: 50, memoryMax: 50, mounts: [], netRxBytes: 0, netTxBytes: 0, uptimeSeconds: 1000, users: ['bob'], processes: ['bash'] },
    });
    const report = await services.utilization.report(request());
    const row = report.devices.find((d) => d.agentId === 'a4')!;
    // Thursday 10:00–18:00 and Friday: 18 working hours, 1 in use (5.6 %, under the 10 % line).
    expect([row.assetTag, row.measuredFrom, row.inUseHours, row.workingHours, row.idle]).toEqual(['LT-3', '2026-11-19T10:00:00.000Z', 1, 18, false]);
    expect(report.devices.find((d) => d.agentId === 'a1')!.measuredFrom).toBe(report.from);
    expect(report.summary.idle).toBe(1); // still only LT-2

    await inventory('a4', 2, { software: [{ name: 'htop', publisher: '' }] }, { serial: 'S3' }, enrolled);
    const software = await services.software.report({ asOf: new Date('2026-11-23T00:00:00Z'), unusedDays: 90 });
    expect(software.meteredTooBriefly).toBe(1);
    // When its metering began (its enrolment), not the cut-off date printed as one.
    expect(software.meteredTooBrieflyReason).toBe('1 of them has been metered for less than 90 days, since 2026-11-19 (to be judged, a device must be metered since 2026-08-25 or earlier): nothing is called unused there yet');
    expect(software.titles.find((t) => t.title === 'htop')).toMatchObject({ installs: 3, unusedOn: ['a1', 'a2'], meteredTooBrieflyOn: ['a4'] });
    // Four days of metering are enough to judge a 3-day window.
    const short = await services.software.report({ asOf: new Date('2026-11-23T00:00:00Z'), unusedDays: 3 });
    expect(short.titles.find((t) => t.title === 'htop')).toMatchObject({ unusedOn: ['a1', 'a2', 'a4'], meteredTooBrieflyOn: [] });
  });

  it('names bad parameters', () => {
    expect(() => parseUtilizationRequest({ by: 'colour' })).toThrow(/--by "colour": expected one of device, model, department, location/);
    expect(() => parseUtilizationRequest({ life: ['Laptop'] })).toThrow(/expected CATEGORY=MONTHS/);
    expect(() => parseUtilizationRequest({ idleBelow: '150' })).toThrow(/between 0 and 100/);
  });

  it.skipIf(!backend.available)('names a bad schedule or zone, as the caller spells its parameters', async () => {
    expect(() => parseUtilizationRequest({ workingHours: 'weekdays' })).toThrow(/^--working-hours: working hours "weekdays": expected days and whole hours/);
    expect(() => parseUtilizationRequest({ timeZone: 'Mars/Olympus' })).toThrow(/^--time-zone: unknown time zone "Mars\/Olympus"/);
    expect(() => parseUtilizationRequest({ timeZone: 'Mars/Olympus', inUseCpu: '5' }, QUERY)).toThrow(/^timeZone: unknown time zone/);
    expect(() => parseUtilizationRequest({ period: 'soon' }, QUERY)).toThrow(/^period "soon": expected days like 30d/);
    // The service itself, called without the parsing, still refuses them.
    await expect(services.utilization.report({ ...parseUtilizationRequest({}), workingHours: 'weekdays' })).rejects.toThrow(/^working hours "weekdays"/);
    await expect(services.utilization.report({ ...parseUtilizationRequest({}), timeZone: 'Mars/Olympus' })).rejects.toThrow(/^unknown time zone/);
  });
});
