// End-to-end reconciliation benchmark on PostgreSQL: `rollcall reconcile` as a user runs it, on
// 100,000 assets and 300,000 observations. Target (issue #3): ≤ 15 s, for the median of the runs.
// Run: pnpm --filter @rollcall/collector bench   (needs PostgreSQL: $ROLLCALL_TEST_PG or 127.0.0.1:5432)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Asset, Observation } from '@rollcall/core';
import { openDatabase } from '../src/db/open.ts';
import { AssetStore } from '../src/store/assets.ts';
import { ObservationStore } from '../src/store/observations.ts';
import { testBackends } from '../src/testing/index.ts';

const ASSETS = Number(process.env.BENCH_ASSETS ?? 100_000);
const OBSERVATIONS = Number(process.env.BENCH_OBSERVATIONS ?? 300_000);
const DAY = 86_400_000;
/** Timed runs of the CLI; an odd number, for a median. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const mac = (n: number) => `00:1b:21:${hex((n >> 16) & 0xff, 2)}:${hex((n >> 8) & 0xff, 2)}:${hex(n & 0xff, 2)}`;

const postgres = testBackends().find((b) => b.name === 'postgres')!;
if (!postgres.available) {
  console.error('reconcile-pg benchmark: no PostgreSQL (set ROLLCALL_TEST_PG); skipped');
  process.exit(0);
}
const db = await postgres.create();
try {
  const database = await openDatabase(db.target, 'bench');
  const statuses = ['deployed', 'deployed', 'deployed', 'deployed', 'deployed', 'deployed', 'in_stock', 'retired', 'in_repair', 'lost'] as const;
  const assets: Asset[] = Array.from({ length: ASSETS }, (_, i) => ({
    assetTag: `A${i}`, name: `host-${i}`, serial: `SN${hex(i, 8)}`, smbiosUuid: null, macs: [mac(i)], manufacturer: 'Dell', model: 'Latitude 7440',
    category: 'Laptops', status: statuses[i % 10]!, assignedUser: `user${i}`, department: 'IT', location: 'HQ', timeZone: null, purchaseDate: '2024-01-01',
    purchaseCost: 1299, supplier: null, orderNumber: null, warrantyMonths: 36, notes: null, customFields: {},
  }));
  const now = Date.now();
  // Three sightings per asset on average: agent, switch ARP, DHCP; plus unregistered devices.
  const observations: Observation[] = Array.from({ length: OBSERVATIONS }, (_, k) => {
    const i = k % ASSETS;
    const seenAt = new Date(now - ((k * 7) % 45) * DAY);
    const base = { seenAt, hostname: null, serial: null, uuid: null, macs: [] as string[], ips: [] as string[], vendor: null, model: null };
    if (k < ASSETS) return { ...base, source: `agent:${i}`, hostname: `host-${i}`, serial: `SN${hex(i, 8)}`, macs: [mac(i)], vendor: 'Dell' };
    if (k < 2 * ASSETS) return { ...base, source: 'snmp:core-sw', macs: [mac(i % 10 === 9 ? ASSETS + i : i)], ips: [`10.0.${(i >> 8) & 255}.${i & 255}`] };
    return { ...base, source: 'import:dhcp', hostname: `host-${i}` };
  });
  let t = performance.now();
  await new AssetStore(database.db).upsertMany(assets, 'bench', new Date());
  const assetSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await new ObservationStore(database.db).insertMany(observations, new Date());
  const observationSeconds = (performance.now() - t) / 1000;
  console.log(`register upsert: ${ASSETS.toLocaleString('en')} assets in ${assetSeconds.toFixed(1)} s (${Math.round(ASSETS / assetSeconds).toLocaleString('en')} rows/s)`);
  console.log(`observation insert: ${OBSERVATIONS.toLocaleString('en')} rows in ${observationSeconds.toFixed(1)} s (${Math.round(OBSERVATIONS / observationSeconds).toLocaleString('en')} rows/s)`);
  await database.close();

  // Each run is recorded (--record), so later runs report changes, as serve's hourly runs would.
  // Shared VMs drift by ±15 % within minutes: the verdict takes the median of RUNS runs.
  const bin = fileURLToPath(new URL('../bin/rollcall.js', import.meta.url));
  const times: number[] = [];
  let report: { summary: Record<string, number>; findings: unknown[] } | undefined;
  let megabytes = 0;
  for (let run = 0; run < RUNS; run++) {
    t = performance.now();
    const cli = spawnSync(process.execPath, [bin, 'reconcile', '--record', '--format', 'json', '--db', db.arg], { maxBuffer: 2 ** 31, env: { ...process.env, ROLLCALL_LOG_LEVEL: 'warn' } });
    times.push((performance.now() - t) / 1000);
    if (cli.status !== 0) throw new Error(`rollcall reconcile failed: ${cli.stderr.toString()}`);
    report = JSON.parse(cli.stdout.toString()) as typeof report;
    megabytes = cli.stdout.length / 1e6;
  }
  const median = [...times].sort((a, b) => a - b)[times.length >> 1]!;
  console.log(
    `rollcall reconcile on PostgreSQL, ${ASSETS.toLocaleString('en')} assets × ${OBSERVATIONS.toLocaleString('en')} observations: median ${median.toFixed(2)} s of ${times.map((s) => s.toFixed(2)).join(', ')} (target ≤ 15 s) ${median <= 15 ? 'OK' : 'OVER'}`,
  );
  console.log(`  ${report!.findings.length.toLocaleString('en')} findings ${JSON.stringify(report!.summary)}, ${megabytes.toFixed(0)} MB of JSON`);
} finally {
  await db.drop();
}
