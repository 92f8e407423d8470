// Usage roll-up benchmark (issue #6) on PostgreSQL: 30 days × 10,000 devices of hourly usage.
// Target: the roll-up of that hourly data (7.2M device-hours) into days ≤ 30 s. Also printed: how
// fast raw reports fold into hours (that stage runs every few minutes on what arrived since, so
// it must outpace ingestion, ≥ 10,000 reports/s), reports over the month, one device's chart and
// pruning. The raw reports are one per device and hour, so the hourly stage writes 7.2M rows.
// Run: pnpm --filter @rollcall/collector bench   (DEVICES=10000 DAYS=30 by default)
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/open.ts';
import { DAILY_WATERMARK, MetricsRollups } from '../src/store/metrics-rollups.ts';
import { testBackends } from '../src/testing/index.ts';

const DEVICES = Number(process.env.DEVICES ?? 10_000);
const DAYS = Number(process.env.DAYS ?? 30);
const TARGET_S = 30;
/** Issue #6's ingestion target: the raw → hours stage must fold reports at least this fast. */
const INGEST_TARGET = 10_000;
const postgres = testBackends().find((b) => b.name === 'postgres')!;
if (!postgres.available) {
  console.error('rollup bench needs PostgreSQL ($ROLLCALL_TEST_PG or 127.0.0.1:5432)');
  process.exit(1);
}
const test = await postgres.create();
const database = await openDatabase(test.target, 'bench');
const { db } = database;
const seconds = (since: number) => (performance.now() - since) / 1000;

try {
  console.log(`usage roll-up benchmark: ${DEVICES.toLocaleString('en')} devices × ${DAYS} days of hourly reports`);
  let started = performance.now();
  // One report per device and hour, in arrival order (hour by hour, every device), as agents
  // reporting hourly would send them; users in office hours, a few processes. Received a day
  // ago, so every report is settled.
  await db.execute(sql`
    insert into metrics_batches (agent_id, seq, start_at, end_at, samples, cpu_min, cpu_avg, cpu_max, memory_min, memory_avg, memory_max,
                                 mounts, net_rx_bytes, net_tx_bytes, uptime_seconds, users, processes, received_at)
    select 'agent-' || d, h, t, t + interval '1 hour', 12, 1, (d * 7 + h) % 60, 90, 30, 40 + (h % 20), 80,
           '[]'::jsonb, 0, 0, h * 3600,
           case when extract(hour from t) between 8 and 17 then array['user-' || (d % 500)] else '{}'::text[] end,
           case when h % 6 = 0 then array['chrome', 'slack', 'code', 'bash', 'sshd'] else '{}'::text[] end,
           now() - interval '1 day'
    from generate_series(0, ${DAYS * 24 - 1}) as h,
         generate_series(1, ${DEVICES}) as d,
         lateral (select timestamptz '2026-10-01 00:00:00+00' + h * interval '1 hour' as t) x`);
  await db.execute(sql`analyze metrics_batches`);
  const [{ n: raw }] = (await db.execute(sql`select count(*)::int as n from metrics_batches`)) as unknown as [{ n: number }];
  console.log(`  loaded ${raw.toLocaleString('en')} raw reports in ${seconds(started).toFixed(1)} s`);

  const rollups = new MetricsRollups(db);
  started = performance.now();
  const result = await rollups.run({ settleMs: 0, chunkRows: Number(process.env.CHUNK ?? 50_000) });
  const rollupS = seconds(started);
  console.log(`  raw → hourly → daily: ${result.batches.toLocaleString('en')} reports → ${result.hours.toLocaleString('en')} hourly + ${result.days.toLocaleString('en')} daily rows in ${result.chunks} transactions`);
  const foldRate = result.batches / rollupS;
  console.log(
    `  raw reports rolled up into hours and days: ${rollupS.toFixed(1)} s, ${Math.round(foldRate).toLocaleString('en')} reports/s ` +
      `(must outpace ingestion, ≥ ${INGEST_TARGET.toLocaleString('en')} reports/s) ${foldRate >= INGEST_TARGET ? 'OK' : 'UNDER'}`,
  );

  // The daily stage alone, from the hourly data: forget the days and roll them up again.
  await db.execute(sql`delete from metrics_daily`);
  await db.execute(sql`update settings set value = '0' where key = ${DAILY_WATERMARK}`);
  started = performance.now();
  const days = await rollups.run({ settleMs: 0 });
  const dailyS = seconds(started);
  console.log(
    `  roll-up of ${DAYS} days × ${DEVICES.toLocaleString('en')} devices of hourly data (${result.hours.toLocaleString('en')} rows) into ${days.days.toLocaleString('en')} days: ` +
      `${dailyS.toFixed(1)} s (target ≤ ${TARGET_S} s) ${dailyS <= TARGET_S ? 'OK' : 'OVER'}`,
  );

  started = performance.now();
  const again = await rollups.run({ settleMs: 0 });
  console.log(`  second run (nothing to do): ${again.batches} reports in ${(seconds(started) * 1000).toFixed(0)} ms`);

  started = performance.now();
  const to = Date.parse('2026-10-01T00:00:00Z') + DAYS * 86_400_000;
  const summaries = await rollups.summaries(to - 30 * 86_400_000, to, 5);
  console.log(`  utilization summaries for ${summaries.size.toLocaleString('en')} devices over 30 days: ${seconds(started).toFixed(1)} s`);

  // One device's chart (the hour-first key makes this a range scan over every device's hours).
  started = performance.now();
  const series = await rollups.hours('agent-1', to - 30 * 86_400_000, to);
  console.log(`  one device's hourly series over 30 days (${series.length} hours): ${(seconds(started) * 1000).toFixed(0)} ms`);

  started = performance.now();
  const pruned = await rollups.prune({ raw: 14, aggregates: 730 }, new Date(to));
  console.log(`  pruning raw reports older than 14 days: ${pruned.batches.toLocaleString('en')} deleted in ${seconds(started).toFixed(1)} s`);
} finally {
  await database.close();
  await test.drop();
}
