import { summarizeHours, usageHours, type UsageReport } from '@rollcall/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { DAILY_WATERMARK, MetricsRollups, ROLLUP_WATERMARK } from './metrics-rollups.ts';
import { rowsOf } from './rows.ts';
import { createStores, type Stores } from './index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows as the database returns them
type Row = Record<string, any>;

const H = 3_600_000;
const MIN = 60_000;
const T0 = Date.parse('2026-11-16T08:00:00Z');

interface Report extends UsageReport {
  users: string[];
  processes: string[];
}

// Reports that do not line up with clock hours: they span hour and day boundaries, overlap,
// have no length, no user, different users; CPU and memory vary.
function reportsOf(agent: number): Report[] {
  const reports: Report[] = [];
  let t = T0 + agent * 7 * MIN;
  for (let i = 0; i < 40; i++) {
    const length = [5, 17, 60, 0, 95, 30][i % 6]! * MIN;
    reports.push({
      startMs: t,
      endMs: t + length,
      cpuAvg: (i * 37 + agent * 11) % 100,
      memoryAvg: (i * 53 + agent * 7) % 100,
      users: i % 5 === 0 ? [] : i % 7 === 0 ? ['bob', 'ann'] : ['ann'],
      processes: i % 4 === 0 ? ['chrome', `tool-${i % 3}`] : [],
      // No input signal, the last input before the report began (maybe in an earlier hour), or at its end.
      lastInputMs: i % 3 === 0 ? null : i % 3 === 1 ? t - 20 * MIN : t + length,
    });
    t += length + [0, 12, 3 * 60, 45][i % 4]! * MIN;
  }
  return reports;
}

describe.each(testBackends())('metrics roll-ups on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let stores: Stores;
  let rollups: MetricsRollups;
  const seqs = new Map<string, number>();
  const all = new Map<string, Report[]>();

  const record = async (agentId: string, reports: Report[], receivedAt = new Date()) => {
    for (const r of reports) {
      const seq = (seqs.get(agentId) ?? 0) + 1;
      seqs.set(agentId, seq);
      all.set(agentId, [...(all.get(agentId) ?? []), r]);
      await stores.metrics.record({
        agentId,
        seq,
        receivedAt,
        batch: {
          startAt: new Date(r.startMs),
          endAt: new Date(r.endMs),
          samples: 5,
          cpuMin: 0,
          cpuAvg: r.cpuAvg,
          cpuMax: r.cpuAvg + 1,
          memoryMin: 0,
          memoryAvg: r.memoryAvg,
          memoryMax: r.memoryAvg + 1,
          mounts: [],
          netRxBytes: 0,
          netTxBytes: 0,
          uptimeSeconds: 0,
          users: r.users,
          processes: r.processes,
          lastInputAt: r.lastInputMs == null ? null : new Date(r.lastInputMs),
        },
      });
    }
  };
  // Sums in another order differ in the last bits: compare them to a millionth of a second.
  const rounded = (r: Row): Row => ({
    ...r,
    seconds: Math.round(Number(r.seconds) * 1e6) / 1e6,
    cpu_seconds: Math.round(Number(r.cpu_seconds) * 1e6) / 1e6,
    memory_seconds: Math.round(Number(r.memory_seconds) * 1e6) / 1e6,
  });
  const hourly = async (): Promise<Row[]> =>
    rowsOf<Row>(await suite.database.db.execute(sql`select * from metrics_hourly order by agent_id, hour`)).map((r) => ({ ...rounded(r), hour: new Date(r.hour as string).toISOString() }));
  const daily = async (): Promise<Row[]> => rowsOf<Row>(await suite.database.db.execute(sql`select * from metrics_daily order by agent_id, day`)).map((r) => ({ ...rounded(r), day: String(r.day) }));
  const setWatermark = (key: string, id: number) => suite.database.db.execute(sql`update settings set value = ${String(id)} where key = ${key}`);
  const clear = async () => {
    await suite.database.db.execute(sql`delete from metrics_hourly`);
    await suite.database.db.execute(sql`delete from metrics_daily`);
    await setWatermark(ROLLUP_WATERMARK, 0);
    await setWatermark(DAILY_WATERMARK, 0);
  };
  const past = new Date(Date.now() - 3_600_000); // received an hour ago: settled
  const settled = { settleMs: 0 };

  beforeAll(async () => {
    if (!backend.available) return;
    stores = createStores(suite.database.db);
    rollups = new MetricsRollups(suite.database.db);
    for (const id of ['a1', 'a2']) await stores.agents.enroll({ id, keyHash: 'x', agentVersion: 'test', platform: 'linux', hostname: id, now: new Date() });
    await record('a1', reportsOf(1), past);
    await record('a2', reportsOf(2), past);
  });

  it.skipIf(!backend.available)('folds reports into the same hours as usageHours in @rollcall/core', async () => {
    const result = await rollups.run(settled);
    expect(result).toMatchObject({ batches: 80, chunks: 2 }); // one for the hours, one for the days
    const rows = await hourly();
    for (const agentId of ['a1', 'a2']) {
      const expected = usageHours(all.get(agentId)!, 5);
      const got = rows.filter((r) => r.agent_id === agentId);
      expect(got.map((r) => r.hour)).toEqual(expected.map((h) => new Date(h.hourStartMs).toISOString()));
      got.forEach((r, i) => {
        const seconds = Number(r.seconds);
        expect(Number(r.cpu_seconds) / seconds).toBeCloseTo(expected[i]!.cpuAvg, 6);
        expect(Number(r.memory_seconds) / seconds).toBeCloseTo(expected[i]!.memoryAvg, 6);
        expect((r.users as string[]).length > 0).toBe(expected[i]!.userLoggedIn);
        expect(r.input).toBe(expected[i]!.input);
      });
      // The fixture has hours of each kind: no signal, input seen, signal but no input.
      expect(new Set(got.map((r) => r.input))).toEqual(new Set([null, true, false]));
    }
    expect(rows.find((r) => (r.users as string[]).length === 2)?.users).toEqual(['ann', 'bob']);
  });

  it.skipIf(!backend.available)('summarises a period exactly as summarizeHours does', async () => {
    const from = T0 + 2 * H;
    const to = T0 + 40 * H;
    const summaries = await rollups.summaries(from, to, 5);
    for (const agentId of ['a1', 'a2']) {
      const hours = usageHours(all.get(agentId)!, 5).filter((h) => h.hourStartMs >= from && h.hourStartMs < to);
      const expected = summarizeHours(hours);
      const got = summaries.get(agentId)!;
      expect({ onlineHours: got.onlineHours, inUseHours: got.inUseHours }).toEqual({ onlineHours: expected.onlineHours, inUseHours: expected.inUseHours });
      expect(got.cpuP95).toBeCloseTo(expected.cpuP95!, 6);
      expect(got.memoryP95).toBeCloseTo(expected.memoryP95!, 6);
    }
  });

  it.skipIf(!backend.available)('is idempotent: a second run finds nothing and changes nothing', async () => {
    const [hoursBefore, daysBefore] = [await hourly(), await daily()];
    expect(await rollups.run(settled)).toMatchObject({ batches: 0, hours: 0, days: 0, chunks: 0 });
    expect(await hourly()).toEqual(hoursBefore);
    expect(await daily()).toEqual(daysBefore);
  });

  it.skipIf(!backend.available)('gives the same roll-ups in small chunks, and resumes after a crash between chunks', async () => {
    const [hoursWhole, daysWhole] = [await hourly(), await daily()];
    await clear();
    const result = await rollups.run({ ...settled, chunkRows: 7, dayChunkRows: 20 });
    expect(result.chunks).toBe(12 + 4); // 80 batches: 7 a chunk for hours, 20 for days
    expect(await hourly()).toEqual(hoursWhole);
    expect(await daily()).toEqual(daysWhole);

    // A run that died after committing its first three chunks leaves the first 21 batches rolled
    // up and the watermark on the 21st; a new run must finish the job.
    await clear();
    const firstIds = rowsOf<{ id: string }>(await suite.database.db.execute(sql`select id from metrics_batches order by id limit 21`));
    const upto = Number(firstIds.at(-1)!.id);
    await suite.database.db.execute(sql`update metrics_batches set received_at = now() where id > ${upto}`);
    await rollups.run({ settleMs: 60_000, chunkRows: 7 }); // recent batches wait: only the first 21 go
    expect(Number(rowsOf<{ value: string }>(await suite.database.db.execute(sql`select value from settings where key = ${ROLLUP_WATERMARK}`))[0]!.value)).toBe(upto);
    expect(await rollups.run(settled)).toMatchObject({ batches: 59 });
    expect(await hourly()).toEqual(hoursWhole);
    expect(await daily()).toEqual(daysWhole);

    // A run that died after the hourly stage: the daily stage picks up from its own watermark.
    await suite.database.db.execute(sql`delete from metrics_daily`);
    await setWatermark(DAILY_WATERMARK, 0);
    expect(await rollups.run(settled)).toMatchObject({ batches: 0, hours: 0, days: daysWhole.length });
    expect(await daily()).toEqual(daysWhole);
  });

  it.skipIf(!backend.available)('keeps daily totals and the processes each device ran', async () => {
    const days = await daily();
    const rows = await hourly();
    for (const day of days) {
      const hoursOfDay = rows.filter((r) => r.agent_id === day.agent_id && (r.hour as string).startsWith(day.day));
      expect(day.online_hours).toBe(hoursOfDay.length);
      expect(day.user_hours).toBe(hoursOfDay.filter((r) => (r.users as string[]).length > 0).length);
      expect(Number(day.seconds)).toBeCloseTo(hoursOfDay.reduce((s, r) => s + Number(r.seconds), 0), 6);
      expect(day.users).toEqual([...new Set(hoursOfDay.flatMap((r) => r.users as string[]))].sort());
    }
    // Days whose hours had different users (ann alone, then bob and ann) list them all once.
    expect(days.filter((d) => (d.users as string[]).length === 2).map((d) => d.users)).toContainEqual(['ann', 'bob']);
    const first = days.find((d) => d.agent_id === 'a1' && d.day === '2026-11-16')!;
    expect(first.processes).toEqual(['chrome', 'tool-0', 'tool-1', 'tool-2']);
  });

  it.skipIf(!backend.available)('merges a late report into hours already rolled up; reports see batches not rolled up yet', async () => {
    const late: Report = { startMs: T0 + 30 * MIN, endMs: T0 + 50 * MIN, cpuAvg: 99, memoryAvg: 10, users: ['carol'], processes: ['late-tool'] };
    await record('a1', [late]); // received now: waits out the settle time of a normal run
    const hour = new Date(T0).toISOString();
    const expected = usageHours(all.get('a1')!, 5).find((h) => h.hourStartMs === T0)!;

    // Not rolled up yet, but already counted in summaries and series.
    expect(await rollups.run()).toMatchObject({ batches: 0 });
    const series = await rollups.hours('a1', T0, T0 + H);
    expect(series[0]!.cpuAvg).toBeCloseTo(expected.cpuAvg, 6);
    expect((await rollups.processRuns(T0, T0 + H)).some((r) => r.processes.includes('late-tool'))).toBe(true);

    // Its day is recomputed for every device that has hours that day (a1 and a2).
    expect(await rollups.run(settled)).toMatchObject({ batches: 1, hours: 1, days: 2 });
    const row = (await hourly()).find((r) => r.agent_id === 'a1' && r.hour === hour)!;
    expect(Number(row.cpu_seconds) / Number(row.seconds)).toBeCloseTo(expected.cpuAvg, 6);
    expect(row.users).toContain('carol');
    const day = (await daily()).find((d) => d.agent_id === 'a1' && d.day === '2026-11-16')!;
    expect(day.processes).toContain('late-tool');
    expect(day.users).toContain('carol');
    expect((await rollups.hours('a1', T0, T0 + H))[0]!.cpuAvg).toBeCloseTo(expected.cpuAvg, 6); // counted once
  });

  it.skipIf(!backend.available)('prunes raw batches past retention once rolled up, and keeps what reports need', async () => {
    const from = T0;
    const to = T0 + 7 * 24 * H;
    const before = await rollups.summaries(from, to, 5);
    const now = new Date(T0 + 20 * 24 * H); // 20 days later: every batch is older than 14 days
    await record('a2', [{ startMs: T0 + 3 * H, endMs: T0 + 3 * H + 5 * MIN, cpuAvg: 50, memoryAvg: 50, users: ['ann'], processes: [] }]); // not rolled up
    const unrolled = await rollups.summaries(from, to, 5);

    const pruned = await rollups.prune({ raw: 14, aggregates: 730 }, now);
    expect(pruned).toEqual({ batches: 81, hours: 0, days: 0 }); // all but the one not rolled up
    expect(await rollups.summaries(from, to, 5)).toEqual(unrolled);
    expect(unrolled.get('a1')).toEqual(before.get('a1'));

    await rollups.run(settled);
    expect(await rollups.prune({ raw: 14, aggregates: 730 }, now)).toMatchObject({ batches: 1 });
    expect(await rollups.summaries(from, to, 5)).toEqual(unrolled);

    // Two years on, the aggregates go too.
    const [hoursKept, daysKept] = [(await hourly()).length, (await daily()).length];
    expect(await rollups.prune({ raw: 14, aggregates: 730 }, new Date(T0 + 740 * 24 * H))).toEqual({ batches: 0, hours: hoursKept, days: daysKept });
    expect(await hourly()).toEqual([]);
    expect(await daily()).toEqual([]);
  });

  it.skipIf(!backend.available)('counts a report not rolled up yet once in a period summary, with rolled-up hours before and after it', async () => {
    await stores.agents.enroll({ id: 'a3', keyHash: 'x', agentVersion: 'test', platform: 'linux', hostname: 'a3', now: new Date() });
    await record('a3', reportsOf(3), past);
    expect(await rollups.run(settled)).toMatchObject({ batches: all.get('a3')!.length });
    // Mid-period, into an hour that is already rolled up: hours before it and after it are not merged with anything.
    await record('a3', [{ startMs: T0 + 20 * H + 10 * MIN, endMs: T0 + 20 * H + 40 * MIN, cpuAvg: 97, memoryAvg: 91, users: ['dave'], processes: [] }]);
    const expectSummary = async () => {
      const got = (await rollups.summaries(T0, T0 + 40 * H, 5)).get('a3')!;
      const expected = summarizeHours(usageHours(all.get('a3')!, 5).filter((h) => h.hourStartMs >= T0 && h.hourStartMs < T0 + 40 * H));
      expect({ onlineHours: got.onlineHours, inUseHours: got.inUseHours }).toEqual({ onlineHours: expected.onlineHours, inUseHours: expected.inUseHours });
      expect(got.cpuP95).toBeCloseTo(expected.cpuP95!, 6);
      expect(got.memoryP95).toBeCloseTo(expected.memoryP95!, 6);
    };
    expect(await rollups.run()).toMatchObject({ batches: 0 }); // not settled: only reports see it
    await expectSummary();
    expect(await rollups.run(settled)).toMatchObject({ batches: 1 });
    await expectSummary();
  });
});
