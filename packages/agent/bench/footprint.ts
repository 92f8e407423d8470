// Agent footprint benchmark (issue #4): runs the real agent against a real collector with
// accelerated schedules and prints its figures beside the targets:
//   RSS after warm-up ≤ 55 MB, average CPU ≤ 0.5 % of one core outside inventory runs,
//   full inventory frame ≤ 20 KB, no-change delta ≤ 1 KB, one 5-minute MetricsBatch ≤ 2 KB.
// Run: pnpm --filter @rollcall/agent bench   (BENCH_SECONDS=60 by default; the V8 heap grows
// between full GCs a few minutes apart, so BENCH_SECONDS=1800 shows the long-run peak)
// The agent is the bundle run as an executable: node with the flags of its shebang, which are the
// ones the service files in deploy/agent/ pass (test/deploy.test.ts). A bare node process with
// the same flags runs beside it, to show what the agent adds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { encodeFrame } from '@rollcall/protocol';
import { silentLogger, startServer } from '@rollcall/collector';
import { hashSections, planInventoryReport } from '../src/inventory/delta.ts';
import { collectInventory } from '../src/inventory/collect.ts';
import { MetricsAggregator } from '../src/metrics/aggregate.ts';
import { createLastInputReader } from '../src/metrics/last-input.ts';
import { createSampler, runningProcessNames } from '../src/metrics/sampler.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARM_UP_SECONDS = 15;
const CLOCK_TICKS = 100; // USER_HZ on Linux
const log = pino({ level: 'silent' });
const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER');

// Frame sizes, from this machine's real data.
const inventory = await collectInventory(log);
const full = encodeFrame({ seq: 1, kind: 'inventory', inventory: planInventoryReport(inventory, undefined, 15).report });
const noChange = encodeFrame({ seq: 2, kind: 'inventory', inventory: planInventoryReport(inventory, { hashes: hashSections(inventory), seq: 1, sinceFull: 0 }, 15).report });
const aggregator = new MetricsAggregator();
const takeSample = createSampler();
for (let i = 0; i < 5; i++) aggregator.add({ ...(await takeSample()), atMs: Date.now() + i * 60_000 }); // 5 minutes at the default 60 s
const metrics = encodeFrame({ seq: 3, kind: 'metrics', metrics: aggregator.flush(await runningProcessNames(), await createLastInputReader(log)())! });
console.log('agent footprint benchmark');
console.log(`  full inventory frame: ${full.byteLength} bytes, ${inventory.software?.length ?? 0} packages (target ≤ 20480) ${verdict(full.byteLength <= 20480)}`);
console.log(`  no-change delta frame: ${noChange.byteLength} bytes (target ≤ 1024) ${verdict(noChange.byteLength <= 1024)}`);
console.log(`  5-minute MetricsBatch frame: ${metrics.byteLength} bytes (target ≤ 2048) ${verdict(metrics.byteLength <= 2048)}`);

// The running agent: sample every second, report every 10 s, inventory every minute.
const dir = mkdtempSync(join(tmpdir(), 'rollcall-agent-bench-'));
const server = await startServer({ db: { kind: 'pglite', dir: join(dir, 'db') }, port: 0, host: '127.0.0.1', log: silentLogger, enrollToken: 'bench' });
// The bundle `pnpm build` makes (the bench script builds it first): what endpoints run.
const bin = fileURLToPath(new URL('../dist/rollcall-agent.mjs', import.meta.url));
const agent = spawn(bin, ['run', '--server', server.agentUrl, '--token', 'bench', '--state-dir', join(dir, 'agent'),
  '--metrics-sample-seconds', '1', '--metrics-report-seconds', '10', '--inventory-cron', '* * * * *', '--log-level', 'warn'], { stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 1000)); // env has exec'd node by now
const agentArgv = readFileSync(`/proc/${agent.pid}/cmdline`, 'utf8').split('\0');
if (!agentArgv.includes(bin)) throw new Error(`the agent is not running the bundle: ${agentArgv.join(' ')}`);
const nodeFlags = agentArgv.slice(1, agentArgv.indexOf(bin));
const bare = spawn(process.execPath, [...nodeFlags, '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });

const stat = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)![1]);
  // RssFile is mostly the node binary's own pages (V8, builtin modules' code; ICU's data once Intl
  // is used), shared with every node process; RssAnon is the V8 heap and malloc.
  return { cpuTicks, rssKb: kb('VmRSS'), anonKb: kb('RssAnon'), fileKb: kb('RssFile'), at: performance.now() };
};
await new Promise((resolve) => setTimeout(resolve, (WARM_UP_SECONDS - 1) * 1000));
const readings = [stat(agent.pid!)];
for (let s = 0; s < SECONDS; s++) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  readings.push(stat(agent.pid!));
}
const bareNode = stat(bare.pid!);
for (const child of [agent, bare]) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}
await server.close();
rmSync(dir, { recursive: true, force: true });

// CPU per second; the seconds of the minutely inventory runs are the top ones: leave those out.
const perSecond = readings.slice(1).map((r, i) => ((r.cpuTicks - readings[i]!.cpuTicks) / CLOCK_TICKS / ((r.at - readings[i]!.at) / 1000)) * 100);
const sorted = [...perSecond].sort((a, b) => a - b);
const inventoryRuns = Math.ceil(SECONDS / 60) * 3; // an inventory run spans about 3 s here
const steady = sorted.slice(0, Math.max(1, sorted.length - inventoryRuns));
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const peak = readings.reduce((a, b) => (b.rssKb > a.rssKb ? b : a));
const rssMax = peak.rssKb / 1024;
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
console.log(`  RSS after ${WARM_UP_SECONDS} s warm-up: max ${rssMax.toFixed(1)} MB over ${SECONDS} s (target ≤ 55 MB) ${verdict(rssMax <= 55)}`);
console.log(`    launched as: node ${nodeFlags.join(' ')} dist/rollcall-agent.mjs run … (the bundle's shebang; deploy/agent/ passes the same flags)`);
console.log(`    private ${mb(peak.anonKb)} (V8 heap, malloc), file-backed ${mb(peak.fileKb)} (the node binary's pages: V8, builtin modules)`);
console.log(`    a bare node with the same flags: ${mb(bareNode.rssKb)} (private ${mb(bareNode.anonKb)}, file-backed ${mb(bareNode.fileKb)}); the agent adds ${mb(peak.rssKb - bareNode.rssKb)}`);
console.log(`  CPU outside inventory runs: ${avg(steady).toFixed(2)} % of one core with 1 s sampling (target ≤ 0.5 % at the default 60 s) ${verdict(avg(steady) <= 0.5)}`);
console.log(`  CPU including inventory runs: ${avg(perSecond).toFixed(2)} % of one core`);
