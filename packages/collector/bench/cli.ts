// How fast the `rollcall` CLI starts and answers, and how much memory a serving collector keeps,
// each beside its target (issue 24), as ratios to a bare Node in the same run, for the sources run
// through tsx (ROLLCALL_DEV=1: how it ran before the bundle) and for the bundle (dist/, what the
// bin runs). Needs the bundle built (`pnpm build`); PostgreSQL (ROLLCALL_TEST_PG, else a local
// server) for the PostgreSQL memory figure, skipped loudly without it.
// Run: pnpm --filter @rollcall/collector bench:cli   (BENCH_RUNS=5, BENCH_DEVICES=1000, BENCH_SERVE_SECONDS=60)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, type Frame, type Inventory } from '@rollcall/protocol';
import WebSocket from 'ws';
import { testBackends } from '../src/testing/index.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 1000);
const SERVE_SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 60);

const BIN = fileURLToPath(new URL('../bin/rollcall.js', import.meta.url));
const AGENT_BIN = fileURLToPath(new URL('../../agent/bin/rollcall-agent.js', import.meta.url));
const PGLITE = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href.replace(/\.cjs$/, '.js');
if (!existsSync(new URL('../dist/rollcall.mjs', import.meta.url))) {
  console.error('bench/cli.ts: no bundle in packages/collector/dist; run `pnpm build` first');
  process.exit(1);
}

type Mode = 'before' | 'after';
const MODES: Mode[] = ['before', 'after'];
const modeEnv = (mode: Mode) => ({ ...process.env, ROLLCALL_DEV: mode === 'before' ? '1' : '0', ROLLCALL_LOG_LEVEL: 'warn', ROLLCALL_DB: undefined, ROLLCALL_AGENT_BIN: AGENT_BIN });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * The median wall time, in ms, of each of `commands` run under node, in rounds that run each once
 * (so that a machine getting busier or quieter shifts them all alike); fails loudly if one fails.
 */
function timed<K extends string>(commands: Record<K, { args: string[]; env?: NodeJS.ProcessEnv }>, runs = RUNS): Record<K, number> {
  const times = Object.fromEntries(Object.keys(commands).map((key) => [key, [] as number[]])) as unknown as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (const [key, { args, env }] of Object.entries(commands) as [K, { args: string[]; env?: NodeJS.ProcessEnv }][]) {
      const started = performance.now();
      const result = spawnSync(process.execPath, args, { env: env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
      times[key].push(performance.now() - started);
      if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([key, values]) => [key, median(values as number[])])) as Record<K, number>;
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/** Starts the CLI as a node process of its own (its pid is the collector's) and waits for `ready` on stdout. */
async function startCli(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rollcall ${args.join(' ')}: nothing matched ${ready} within 180 s\n${out}`)), 180_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = out.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exited.then(() => reject(new Error(`rollcall ${args.join(' ')} exited early\n${out}`)));
  });
  return {
    child,
    match,
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Reports one inventory as an agent does (Hello, Welcome, Inventory, Ack) over a real WebSocket. */
async function report(agentUrl: string, token: string, inventory: Inventory): Promise<void> {
  const ws = new WebSocket(agentUrl);
  const frames: Frame[] = [];
  let wake: (() => void) | undefined;
  ws.on('message', (data) => {
    frames.push(decodeFrame(data as Buffer));
    wake?.();
  });
  const next = async () => {
    while (frames.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return frames.shift()!;
  };
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(encodeFrame({ seq: 1, kind: 'hello', hello: { agentId: randomUUID(), agentVersion: 'bench', protocolVersion: PROTOCOL_VERSION, enrollToken: token } }));
  if ((await next()).kind !== 'welcome') throw new Error('no welcome');
  ws.send(encodeFrame({ seq: 2, kind: 'inventory', inventory }));
  if ((await next()).kind !== 'ack') throw new Error('no ack');
  ws.close();
}

function device(n: number): Inventory {
  const mac = `02:00:00:00:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`;
  return {
    collectedAtMs: Date.now(),
    hostname: `host-${n}`,
    system: { serial: `SN${String(n).padStart(6, '0')}`, uuid: '', manufacturer: 'Acme', model: 'Book 14' },
    networkInterfaces: [{ name: 'eth0', mac, ipv4: [`10.0.${n >> 8}.${n & 0xff}`] }],
  } as Inventory;
}

const scratch = mkdtempSync(join(tmpdir(), 'rollcall-bench-cli-'));
const rows: { what: string; before: string; after: string; target: string; ok: boolean }[] = [];
const fmt = (ms: number, base: number) => `${ms.toFixed(0)} ms ${(ms / base).toFixed(2)}×`;
const mb = (value: number) => `${value.toFixed(0)} MB`;

try {
  const bare = { args: ['-e', '0'] };
  const version = timed({ node: bare, before: { args: [BIN, '--version'], env: modeEnv('before') }, after: { args: [BIN, '--version'], env: modeEnv('after') } });
  console.log(`bare node -e 0: ${version.node.toFixed(0)} ms (median of ${RUNS})`);
  rows.push({ what: 'rollcall --version', before: fmt(version.before, version.node), after: fmt(version.after, version.node), target: '≤ 3× node', ok: version.after / version.node <= 3 });

  // A PGlite directory with DEVICES devices, reported by fake agents to a running collector.
  const dir = join(scratch, 'db');
  const server = await startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--db', dir, '--reconcile-schedule', 'off'], modeEnv('after'), /rollcall collector http:\/\/[^\s:]+:(\d+)[\s\S]*enrollment token: (\S+)\n/);
  const [, port, token] = server.match;
  const agentUrl = `ws://127.0.0.1:${port}/agent`;
  const seeded = performance.now();
  for (let n = 0; n < DEVICES; n += 25) await Promise.all(Array.from({ length: Math.min(25, DEVICES - n) }, (_, i) => report(agentUrl, token!, device(n + i))));
  console.log(`seeded ${DEVICES} devices through fake agents in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const listed = spawnSync(process.execPath, [BIN, 'devices', '--format', 'json', '--db', dir], { env: modeEnv('after'), maxBuffer: 256 * 1024 * 1024 });
  const count = (JSON.parse(listed.stdout.toString()) as unknown[]).length;
  if (count !== DEVICES) throw new Error(`expected ${DEVICES} devices, the CLI listed ${count}: ${listed.stderr}`);

  const list = ['devices', '--format', 'json', '--db', dir];
  const throughServer = timed({ node: bare, before: { args: [BIN, ...list], env: modeEnv('before') }, after: { args: [BIN, ...list], env: modeEnv('after') } });
  rows.push({
    what: `rollcall devices --format json, through the server (${DEVICES} devices)`,
    before: fmt(throughServer.before, throughServer.node),
    after: fmt(throughServer.after, throughServer.node),
    target: '≤ 5× node',
    ok: throughServer.after / throughServer.node <= 5,
  });
  await server.stop();

  // The same directory opened by the CLI itself, against bare Node opening it with PGlite.
  const pgliteOpen = { args: ['--input-type=module', '-e', `const { PGlite } = await import(${JSON.stringify(PGLITE)}); const db = await PGlite.create({ dataDir: process.argv[1] }); await db.close();`, dir] };
  const direct = timed({ pglite: pgliteOpen, before: { args: [BIN, ...list], env: modeEnv('before') }, after: { args: [BIN, ...list], env: modeEnv('after') } });
  rows.push({
    what: `rollcall devices --format json --db DIR (PGlite; Node + PGlite open: ${direct.pglite.toFixed(0)} ms)`,
    before: fmt(direct.before, direct.pglite),
    after: fmt(direct.after, direct.pglite),
    target: '≤ 1.3× Node + PGlite open',
    ok: direct.after / direct.pglite <= 1.3,
  });

  // A demo's collector, after it has reported this machine and served for SERVE_SECONDS.
  const demoRss = async (mode: Mode, db: string) => {
    const demo = await startCli(['demo', '--port', '0', '--db', db], { ...modeEnv(mode), ROLLCALL_LOG_LEVEL: undefined }, /Serving until Ctrl-C/);
    try {
      await new Promise((resolve) => setTimeout(resolve, SERVE_SECONDS * 1000));
      return rssMb(demo.child.pid!);
    } finally {
      await demo.stop();
    }
  };
  const pgliteRss = { before: await demoRss('before', join(scratch, 'demo-before')), after: await demoRss('after', join(scratch, 'demo-after')) };
  rows.push({ what: `collector RSS, demo on a new PGlite directory + ${SERVE_SECONDS} s`, before: mb(pgliteRss.before), after: mb(pgliteRss.after), target: '≤ 300 MB', ok: pgliteRss.after <= 300 });

  const postgres = testBackends().find((backend) => backend.name === 'postgres')!;
  if (postgres.available) {
    const rss: Partial<Record<Mode, number>> = {};
    for (const mode of MODES) {
      const db = await postgres.create();
      try {
        rss[mode] = await demoRss(mode, db.arg);
      } finally {
        await db.drop();
      }
    }
    rows.push({ what: `collector RSS, demo on PostgreSQL + ${SERVE_SECONDS} s`, before: mb(rss.before!), after: mb(rss.after!), target: '≤ 150 MB', ok: rss.after! <= 150 });
  } else {
    console.warn('⚠ no PostgreSQL: the PostgreSQL memory figure is SKIPPED (set ROLLCALL_TEST_PG)');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const width = (key: 'what' | 'before' | 'after' | 'target') => Math.max(key.length, ...rows.map((row) => row[key].length));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(width((['what', 'before', 'after', 'target'] as const)[i]!))).join('  ');
console.log(`\n${line(['what', 'before', 'after', 'target'])}  met`);
for (const row of rows) console.log(`${line([row.what, row.before, row.after, row.target])}  ${row.ok ? 'yes' : 'NO'}`);
console.log('\nbefore: the TypeScript sources through tsx (ROLLCALL_DEV=1); after: the bundle in dist/. Times are medians; ratios are to bare Node in this run.');
