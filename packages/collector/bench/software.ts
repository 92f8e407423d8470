// Software queries on PostgreSQL over a fleet's latest inventories: `rollcall software find` (who
// has a package, in which version) and the metering report. Each agent has two stored inventories
// (only the latest counts) of 800 packages, most of them libraries, as on a Debian desktop.
// Run: node --import tsx bench/software.ts   (BENCH_AGENTS=2000; needs PostgreSQL)
// Seen here at 2,000 agents: find 1.6 s (one match a device) to 2.7 s (222,000 matches, first
// page); report 4.7 s (13.1 s before titles were read as arrays and worked out once per name).
import { openDatabase } from '../src/db/open.ts';
import { SoftwareService } from '../src/services/software.ts';
import { createStores } from '../src/store/index.ts';
import { testBackends } from '../src/testing/index.ts';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 2000);
const PACKAGES = 800;
const RUNS = 3;

const postgres = testBackends().find((b) => b.name === 'postgres')!;
if (!postgres.available) {
  console.error('software benchmark: no PostgreSQL (set ROLLCALL_TEST_PG); skipped');
  process.exit(0);
}

/** 700 libraries and 100 applications; every tenth device lags one openssl release behind. */
function packages(agent: number, release: number) {
  const list = [];
  for (let p = 0; p < PACKAGES; p++) {
    const library = p < PACKAGES - 100;
    list.push({ name: library ? `libexample${p}` : `app-${p}`, version: `${release}.${p}-1`, publisher: 'Debian', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: library ? 'libs' : 'utils' });
  }
  list.push({ name: 'openssl', version: agent % 10 === 0 ? '3.0.11-1~deb12u2' : '3.0.15-1~deb12u1', publisher: 'Debian', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'utils' });
  return list;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function timed<T>(what: string, run: () => Promise<T>, describe: (value: T) => string): Promise<void> {
  const seconds: number[] = [];
  let value: T | undefined;
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    value = await run();
    seconds.push((performance.now() - started) / 1000);
  }
  console.log(`${what}: median ${median(seconds).toFixed(2)} s of ${seconds.map((s) => s.toFixed(2)).join(', ')}; ${describe(value!)}`);
}

const db = await postgres.create();
try {
  const database = await openDatabase(db.target, 'bench');
  const stores = createStores(database.db);
  const started = performance.now();
  const now = Date.now();
  for (let a = 0; a < AGENTS; a++) {
    const id = `agent-${a}`;
    await stores.agents.enroll({ id, keyHash: 'x', agentVersion: 'bench', platform: 'linux', hostname: `host-${a}`, now: new Date(now - 30 * 86_400_000) });
    const device = { hostname: `host-${a}`, serial: `SN${a}`, smbiosUuid: '', machineId: '', macs: [], manufacturer: 'Dell', model: 'Latitude', os: 'Debian 12', timeZone: '' };
    for (const [seq, daysAgo] of [[1, 2], [2, 1]] as const) {
      const at = new Date(now - daysAgo * 86_400_000);
      await stores.inventories.record({ agentId: id, seq, full: true, device, collectedAt: at, receivedAt: at, frameBytes: 0, snapshot: { hostname: device.hostname, software: packages(a, seq) }, observations: [] });
    }
  }
  console.log(`seeded ${AGENTS.toLocaleString('en')} agents × 2 inventories × ${PACKAGES + 1} packages in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const software = new SoftwareService(stores);
  await timed('software find openssl', () => software.findInstalled('openssl', { limit: 1000, offset: 0 }), (page) => `${page.total.toLocaleString('en')} installs`);
  await timed('software find example1 (many matches, first page)', () => software.findInstalled('example1', { limit: 1000, offset: 0 }), (page) => `${page.total.toLocaleString('en')} installs`);
  await timed('software report', () => software.report({ asOf: new Date(), unusedDays: 90 }), (report) => `${report.titles.length} titles, ${report.librariesLeftOut} libraries left out`);
  await database.close();
} finally {
  await db.drop();
}
