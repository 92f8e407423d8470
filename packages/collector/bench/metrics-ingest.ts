// Metrics ingestion benchmark (issue #6): simulated agents send MetricsBatch frames over real
// WebSockets to a collector on PostgreSQL, each waiting for its Ack before the next frame (as
// the real agent does). Prints reports/s and ack latency beside the targets:
//   sustained ≥ 10,000 metric reports/s with p99 ack latency ≤ 1 s (collector and generator on
//   this 2-core machine together).
// The agents run in a child process of their own (as real agents run on other machines), so the
// collector's event loop is not shared with them; the bench prints how the CPU time split between
// generator, collector and PostgreSQL (on Linux, from /proc) and how busy the whole machine was.
// Run: pnpm --filter @rollcall/collector bench   (AGENTS=2000 SECONDS=20 PROCESSES=5 by default;
// PROFILE=dir writes CPU profiles of both processes' measured seconds)
// Each agent has one frame in flight, so throughput ≤ AGENTS / ack latency (Little's law): 10,000
// reports/s within a p99 of 1 s needs a few thousand agents reporting at once, not 200.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, type MetricsBatch } from '@rollcall/protocol';
import postgres from 'postgres';
import WebSocket from 'ws';
import { silentLogger } from '../src/log.ts';
import { startServer } from '../src/server.ts';
import { testBackends } from '../src/testing/index.ts';

const AGENTS = Number(process.env.AGENTS ?? 2000);
const SECONDS = Number(process.env.SECONDS ?? 20);
/**
 * Process names per report: 5 by default. Agents send each name once per UTC day, so after a
 * day's first report (50 to 150 names on a desktop: PROCESSES=100 shows that worst case) a report
 * carries the few names new since.
 */
const PROCESSES = Number(process.env.PROCESSES ?? 5);
const WARM_UP_SECONDS = 3;
/** A directory: each process writes a CPU profile of the measured seconds there (collector.cpuprofile, generator.cpuprofile). */
const PROFILE = process.env.PROFILE;

/** Starts a CPU profile when PROFILE is set; the returned function writes it as `name`.cpuprofile. */
async function profile(name: string): Promise<() => Promise<void>> {
  if (!PROFILE) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE, { recursive: true });
    writeFileSync(join(PROFILE, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

/** What the generator process reports back. */
type GeneratorMessage =
  | { kind: 'measuring' }
  | { kind: 'done'; total: number; acked: number; seconds: number; latencies: Float64Array; cpuMs: number }
  | { kind: 'failed'; message: string };

const PROCESS_NAMES = ['chrome', 'slack', 'code', 'bash', 'sshd', ...Array.from({ length: Math.max(0, PROCESSES - 5) }, (_, i) => `process-${i}`)].slice(0, PROCESSES);

const batch = (seq: number): MetricsBatch => ({
  startMs: Date.now() - 300_000,
  endMs: Date.now(),
  samples: 5,
  cpuPercent: { min: 1, avg: 12.5 + (seq % 7), max: 40 },
  memoryUsedPercent: { min: 40, avg: 45, max: 50 },
  mounts: [{ mount: '/', sizeBytes: 256e9, usedPercent: { min: 40, avg: 40, max: 40 } }],
  netRxBytes: 1e9 + seq,
  netTxBytes: 5e8 + seq,
  uptimeSeconds: 86_400 + seq,
  users: ['ann'],
  processes: PROCESS_NAMES,
});

/** Metrics batches acked, warm-up included: the bench checks the database holds exactly these. */
let acked = 0;

/** One simulated agent: Hello, its inventory, then MetricsBatch frames one after the other until `until()`. */
async function agent(url: string, until: () => boolean, onReady: () => void, onAck: (ms: number) => void): Promise<void> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let waiter: ((frame: ReturnType<typeof decodeFrame>) => void) | undefined;
  ws.on('message', (data) => waiter?.(decodeFrame(data as Buffer)));
  const next = () => new Promise<ReturnType<typeof decodeFrame>>((resolve) => (waiter = resolve));
  ws.send(encodeFrame({ seq: 1, kind: 'hello', hello: { agentId: randomUUID(), agentVersion: 'bench', protocolVersion: PROTOCOL_VERSION, enrollToken: 'bench' } }));
  const welcome = await next();
  if (welcome.kind !== 'welcome') throw new Error(`no Welcome: ${JSON.stringify(welcome)}`);
  // A real agent's first report is its inventory: it makes the device its metrics belong to.
  const n = Math.floor(Math.random() * 2 ** 40);
  const mac = (n.toString(16).padStart(12, '0').match(/../g) ?? []).join(':');
  ws.send(encodeFrame({ seq: 2, kind: 'inventory', inventory: { hostname: `bench-${n}`, machineId: `m-${n}`, system: { serial: `SN${n}` }, networkInterfaces: [{ name: 'eth0', mac }] } }));
  const inventoryAck = await next();
  if (inventoryAck.kind !== 'ack') throw new Error(`expected an Ack for the inventory, got ${JSON.stringify(inventoryAck)}`);
  onReady();
  let seq = 2;
  while (!until()) {
    const started = performance.now();
    ws.send(encodeFrame({ seq: ++seq, kind: 'metrics', metrics: batch(seq) }));
    const ack = await next();
    if (ack.kind !== 'ack') throw new Error(`expected an Ack, got ${JSON.stringify(ack)}`);
    acked++;
    onAck(performance.now() - started);
  }
  ws.close();
}

/**
 * The generator process: AGENTS agents connect (a few at a time, as a fleet would), report through
 * a warm-up, then everything acked in the next SECONDS counts.
 */
async function generator(url: string): Promise<void> {
  const send = (message: GeneratorMessage) => process.send!(message);
  try {
    let phase: 'warm-up' | 'measuring' | 'over' = 'warm-up';
    const latencies: number[] = [];
    let total = 0;
    const agents: Promise<void>[] = [];
    let ready = 0;
    let allReady!: () => void;
    const connected = new Promise<void>((resolve) => (allReady = resolve));
    for (let i = 0; i < AGENTS; i++) {
      const onReady = () => ++ready === AGENTS && allReady();
      agents.push(agent(url, () => phase === 'over', onReady, (ms) => phase === 'measuring' && (latencies.push(ms), total++)));
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.race([connected, Promise.all(agents)]);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_SECONDS * 1000));
    send({ kind: 'measuring' });
    const stopProfile = await profile('generator');
    const cpu = process.cpuUsage();
    const started = performance.now();
    phase = 'measuring';
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    phase = 'over';
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    await stopProfile();
    await Promise.all(agents);
    send({ kind: 'done', total, acked, seconds, latencies: Float64Array.from(latencies), cpuMs: (used.user + used.system) / 1000 });
  } catch (error) {
    send({ kind: 'failed', message: (error as Error).stack ?? String(error) });
  }
  // The parent disconnects once it has the results; exiting first could lose them in the pipe.
}

/** CPU milliseconds used so far by these processes (Linux /proc; 0 for one that is gone). */
function procCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not Linux, or the process exited.
    }
  }
  return ticks * 10; // USER_HZ is 100 on every Linux build we run on
}

/** Busy and total CPU milliseconds of the whole machine so far (Linux /proc/stat). */
function machineCpuMs(): { busy: number; total: number } {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = values.slice(0, 8).map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy: busy * 10, total: (busy + idle! + iowait!) * 10 };
  } catch {
    return { busy: 0, total: 0 };
  }
}

async function main(): Promise<void> {
  const backend = testBackends().find((b) => b.name === 'postgres')!;
  if (!backend.available) {
    console.error('metrics-ingest bench needs PostgreSQL ($ROLLCALL_TEST_PG or 127.0.0.1:5432)');
    process.exit(1);
  }
  const db = await backend.create();
  const server = await startServer({ db: db.target, port: 0, host: '127.0.0.1', log: silentLogger, enrollToken: 'bench' });
  const target = db.target as { kind: 'postgres'; url: string };
  const admin = postgres(target.url, { max: 1, onnotice: () => {} });
  try {
    const child = fork(new URL(import.meta.url).pathname, ['--generator', server.agentUrl], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let pgPids: number[] = [];
    let start: { collector: NodeJS.CpuUsage; pg: number; machine: ReturnType<typeof machineCpuMs> } | undefined;
    let stopProfile = async () => {};
    const result = await new Promise<Extract<GeneratorMessage, { kind: 'done' }>>((resolve, reject) => {
      child.on('message', async (message: GeneratorMessage) => {
        if (message.kind === 'measuring') {
          // This database's backends, and the server's background processes (WAL writer, …).
          const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() or backend_type <> 'client backend'`;
          pgPids = rows.map((r) => r.pid);
          stopProfile = await profile('collector');
          start = { collector: process.cpuUsage(), pg: procCpuMs(pgPids), machine: machineCpuMs() };
        } else if (message.kind === 'done') resolve(message);
        else {
          child.kill();
          reject(new Error(`generator failed: ${message.message}`));
        }
      });
      void exited.then((code) => reject(new Error(`generator exited (${code}) before reporting`)));
    });
    const collectorCpu = process.cpuUsage(start!.collector);
    const pgCpuMs = procCpuMs(pgPids) - start!.pg;
    const machine = machineCpuMs();
    await stopProfile();
    child.disconnect();
    await exited;

    const { total, seconds, latencies } = result;
    const [stored] = await admin<{ rows: number; withDevice: number }[]>`
      select count(*)::int as rows, count(d.id)::int as "withDevice" from metrics_batches b left join devices d on d.agent_id = b.agent_id`;
    if (stored!.rows !== result.acked || stored!.withDevice !== result.acked) {
      throw new Error(`${result.acked} batches acked, but ${stored!.rows} stored (${stored!.withDevice} of an agent with its device)`);
    }
    latencies.sort();
    const p = (q: number) => latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)] ?? NaN;
    const rate = total / seconds;
    const wall = seconds * 1000;
    const share = (ms: number) => `${((100 * ms) / wall).toFixed(0)}%`;
    const collectorMs = (collectorCpu.user + collectorCpu.system) / 1000;
    const machineBusy = machine.busy - start!.machine.busy;
    const machineTotal = machine.total - start!.machine.total;
    const others = machineBusy - collectorMs - result.cpuMs - pgCpuMs;
    console.log('metrics ingestion benchmark (PostgreSQL)');
    console.log(`  ${AGENTS} agents over real WebSockets, ${seconds.toFixed(1)} s: ${total.toLocaleString('en')} reports acked (${PROCESSES} process names each)`);
    console.log(`  throughput: ${Math.round(rate).toLocaleString('en')} reports/s (target ≥ 10,000) ${rate >= 10_000 ? 'OK' : 'UNDER'}`);
    console.log(`  ack latency: p50 ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms (target p99 ≤ 1000 ms) ${p(0.99) <= 1000 ? 'OK' : 'OVER'}`);
    if (machineTotal > 0) {
      console.log(
        `  CPU (100% = one core, ${availableParallelism()} cores): collector ${share(collectorMs)}, generator ${share(result.cpuMs)}, PostgreSQL ${share(pgCpuMs)}, ` +
          `anything else ${share(Math.max(0, others))}; machine ${((100 * machineBusy) / machineTotal).toFixed(0)}% busy`,
      );
      console.log(`  per report: collector ${((1000 * collectorMs) / total).toFixed(0)} µs, generator ${((1000 * result.cpuMs) / total).toFixed(0)} µs, PostgreSQL ${((1000 * pgCpuMs) / total).toFixed(0)} µs of CPU`);
    }
  } finally {
    await admin.end();
    await server.close();
    await db.drop();
  }
}

if (process.argv[2] === '--generator') await generator(process.argv[3]!);
else await main();
