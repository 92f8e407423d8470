// Engine benchmark: N assets against N observations, and 2N against 2N, in alternating runs.
// Targets (issue #3): 1,000,000 × 1,000,000 in ≤ 10 s; 2× the input in ≤ 2.2× the time.
// The floor figures are what this machine needs just to read the input and build plain findings,
// at N and at 2N: how the floor scales is how this machine scales, engine aside.
// Run: pnpm --filter @rollcall/core bench   (BENCH_N=100000 BENCH_RUNS=1 for a quick run)
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { reconcile, type AssetIdentity, type Observation } from '../src/index.ts';
import { firstTouchMicroseconds, firstTouchProfile } from './first-touch.ts';
import { floorPass } from './floor.ts';

// Garbage-collection pauses, to tell the engine's own time from the runtime's.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

const N = Number(process.env.BENCH_N ?? 1_000_000);
/** Samples at N and at 2N; the verdicts use their medians. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AS_OF = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const mac = (n: number) => `00:1b:21:${hex((n >> 16) & 0xff, 2)}:${hex((n >> 8) & 0xff, 2)}:${hex(n & 0xff, 2)}`;
const serial = (n: number) => `SN${hex(n, 8).toUpperCase()}`;

/**
 * A fleet where most assets report through agents, some only on the network, some not at all.
 * Each entry goes through `load` as it is made, and the register is made before the sightings.
 */
function fleet(n: number, load: <T>(item: T) => T = (item) => item): { assets: AssetIdentity[]; observations: Observation[] } {
  const statuses = ['deployed', 'deployed', 'deployed', 'deployed', 'deployed', 'deployed', 'in_stock', 'retired', 'in_repair', 'lost'] as const;
  const assets: AssetIdentity[] = [];
  for (let i = 0; i < n; i++) {
    assets.push(load({ assetTag: `A${i}`, name: `host-${i}`, serial: serial(i), smbiosUuid: null, macs: [mac(i)], status: statuses[i % 10]! }));
  }
  const observations: Observation[] = [];
  for (let i = 0; i < n; i++) {
    const r = i % 20;
    const base = { hostname: null, serial: null, uuid: null, macs: [] as string[], ips: [] as string[], vendor: null, model: null };
    // Each sighting at its own second, as real ones are (few shared timestamps to reuse).
    const seenAt = new Date(AS_OF.getTime() - (r < 2 ? 40 : r % 7) * DAY - (i % 86_400) * 1000);
    if (r < 14) {
      observations.push(load({ ...base, source: `agent:${i}`, seenAt, hostname: `host-${i}.corp.example`, serial: serial(i), macs: [mac(i)], ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`] }));
    } else if (r < 17) {
      observations.push(load({ ...base, source: 'snmp:core-sw', seenAt, macs: [mac(i).toUpperCase().replaceAll(':', '-')] }));
    } else if (r < 19) {
      observations.push(load({ ...base, source: 'arp:branch', seenAt, macs: [mac(n + i)] })); // shadow
    } else {
      observations.push(load({ ...base, source: 'import:dhcp', seenAt, hostname: `host-${i}` }));
    }
  }
  return { assets, observations };
}

/**
 * Real inputs come from PostgreSQL rows or parsed JSON, whose strings are flat; template-built
 * strings are rope-like and cost extra to hash. Each entry is round-tripped through JSON as it is
 * made, so the template-built ones die young: a fleet built whole and then copied would leave
 * about a gigabyte of freed, already-touched heap behind for the run to reuse. Loading still
 * leaves some (free old space, printed with each run), as loading rows in the collector does.
 */
function loadedFleet(n: number): ReturnType<typeof fleet> {
  const revive = (key: string, value: unknown) => (key === 'seenAt' ? new Date(value as string) : value);
  return fleet(n, (item) => JSON.parse(JSON.stringify(item), revive));
}

interface Sample {
  seconds: number;
  gcSeconds: number;
  freshGb: number;
  /** CPU time of all the process's threads during the run: user (the engine's and the garbage
   * collector's work) and system (the kernel's, which on these VMs is mostly first-touch page faults). */
  userSeconds: number;
  systemSeconds: number;
}

/** Wall-clock and CPU time of `run`, for the engine's samples and the floor's alike. */
function timed<T>(run: () => T): { value: T; seconds: number; userSeconds: number; systemSeconds: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { value, seconds, userSeconds: cpu.user / 1e6, systemSeconds: cpu.system / 1e6 };
}

/** One run of the engine on a freshly loaded fleet of n assets and n observations. */
async function measure(n: number): Promise<Sample> {
  const data = loadedFleet(n);
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100)); // let pending GC entries arrive
  const gcBefore = gcMs;
  // Fresh memory is costly on some hosts (1.7 to 22 µs per 4 KiB page on this project's CI VMs,
  // depending on the day and on the memory the process holds): the pages the run touches for the
  // first time are printed beside its time, and so is the old space that loading left free, which
  // the run fills before it needs fresh pages. How much that is depends on when V8 collected
  // during loading (100 to 500 MB at N, about 700 MB at 2N, seen here), and it moves the run's
  // time by seconds: at N it holds everything grouping and matching keep, at 2N it does not.
  const old = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!;
  const freeOldMb = (old.space_size - old.space_used_size) / 1e6;
  const faultsBefore = process.resourceUsage().minorPageFault;
  const { value: result, seconds, userSeconds, systemSeconds } = timed(() => reconcile(data.assets, data.observations, { asOf: AS_OF, ghostAfterDays: 30 }));
  const freshGb = ((process.resourceUsage().minorPageFault - faultsBefore) * 4096) / 1e9;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const gcSeconds = (gcMs - gcBefore) / 1000;
  console.log(
    `  ${n.toLocaleString('en')} assets × ${n.toLocaleString('en')} observations: ${seconds.toFixed(2)} s (of which GC ${gcSeconds.toFixed(2)} s; ${freshGb.toFixed(2)} GB of fresh pages, after ${freeOldMb.toFixed(0)} MB of free old space; CPU ${userSeconds.toFixed(2)} s user, ${systemSeconds.toFixed(2)} s system), ${result.findings.length.toLocaleString('en')} findings ${JSON.stringify(result.summary)}`,
  );
  return { seconds, gcSeconds, freshGb, userSeconds, systemSeconds };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const seconds = (samples: Sample[]) => samples.map((sample) => sample.seconds.toFixed(2)).join(', ');

/**
 * Each sample runs in a process of its own, with this file's flags: a heap that an earlier run
 * grew and left fragmented slows the next run by up to a third, and by how much depends on the
 * order of the runs. The child prints its line, then its figures as JSON.
 */
function sample(what: string): Sample {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_SAMPLE: String(what) },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const lines = child.stdout.trimEnd().split('\n');
  if (child.status !== 0) throw new Error(`benchmark run for ${what} exited with ${child.status ?? child.signal}: ${lines.join('\n')}`);
  const figures = JSON.parse(lines.pop()!) as Sample;
  for (const line of lines) console.log(line);
  return figures;
}

const only = process.env.BENCH_SAMPLE;
if (only?.startsWith('floor:')) {
  const data = loadedFleet(Number(only.slice('floor:'.length)));
  globalThis.gc?.();
  const { seconds, userSeconds, systemSeconds } = timed(() => floorPass(data.assets, data.observations));
  console.log(JSON.stringify({ seconds, gcSeconds: NaN, freshGb: NaN, userSeconds, systemSeconds }));
} else if (only) {
  // Warm up the JIT on a small fleet, as a long-running collector would be.
  const warm = fleet(20_000);
  reconcile(warm.assets, warm.observations, { asOf: AS_OF, ghostAfterDays: 30 });
  console.log(JSON.stringify(await measure(Number(only))));
} else {
  console.log('reconcile engine benchmark');
  const touchBefore = firstTouchMicroseconds();
  // Shared VMs drift by ±15 % within minutes: N and 2N alternate, so a slow spell slows both,
  // and the medians are compared.
  const singles: Sample[] = [];
  const doubles: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    singles.push(sample(String(N)));
    doubles.push(sample(String(2 * N)));
  }
  // The floor's own scaling shows what this machine does with twice the memory, engine aside.
  const floors: Sample[] = [];
  const doubleFloors: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    floors.push(sample(`floor:${N}`));
    doubleFloors.push(sample(`floor:${2 * N}`));
  }
  // After the runs, so that it takes no memory the runs could have had.
  const touchAfter = firstTouchProfile();
  const figure = (samples: Sample[], field: keyof Sample) => median(samples.map((s) => s[field]));
  const single = figure(singles, 'seconds');
  const double = figure(doubles, 'seconds');
  const ratio = double / single;
  const floor = figure(floors, 'seconds');
  const doubleFloor = figure(doubleFloors, 'seconds');
  console.log(`  time at N: median ${single.toFixed(2)} s of ${seconds(singles)} (target ≤ 10 s at N = 1,000,000) ${N >= 1_000_000 ? (single <= 10 ? 'OK' : 'OVER') : ''}`);
  console.log(`  time at 2N: median ${double.toFixed(2)} s of ${seconds(doubles)}`);
  console.log(`  floor at N: median ${floor.toFixed(2)} s of ${seconds(floors)}; at 2N: median ${doubleFloor.toFixed(2)} s of ${seconds(doubleFloors)} (one read of the same input, one map operation per identifier, one plain finding per asset: no engine here can beat it)`);
  // User time is the program's own work (the engine's and V8's, on every thread); system time is
  // the kernel's, on these VMs mostly first-touch page faults, whose cost per page grows with the
  // memory the process holds. How each scales tells the engine's part from the host's.
  const cpu = (what: string, at1: Sample[], at2: Sample[]) => {
    const [user1, user2, system1, system2] = [figure(at1, 'userSeconds'), figure(at2, 'userSeconds'), figure(at1, 'systemSeconds'), figure(at2, 'systemSeconds')];
    return `${what}: user ${user1.toFixed(2)} → ${user2.toFixed(2)} s (${(user2 / user1).toFixed(2)}×), system ${system1.toFixed(2)} → ${system2.toFixed(2)} s (${(system2 / system1).toFixed(2)}×)`;
  };
  console.log(`  CPU medians, N → 2N: ${cpu('engine', singles, doubles)}; ${cpu('floor', floors, doubleFloors)}`);
  console.log(`  first touch of a fresh 4 KiB page: ${touchBefore.toFixed(1)} µs before the runs; after them, 256 MB at a time up to 3 GB held: ${touchAfter.map((us) => us.toFixed(1)).join(', ')} µs`);
  console.log(`  scaling 2N / N: ${ratio.toFixed(2)}× of the medians (target ≤ 2.2×) ${ratio <= 2.2 ? 'OK' : 'OVER'}; the floor's own: ${(doubleFloor / floor).toFixed(2)}×`);
}
