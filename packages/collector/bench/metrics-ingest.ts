// Metrics ingestion benchmark (issue #6): simulated agents send MetricsBatch frames over real
// WebSockets to a collector on PostgreSQL, each waiting for its Ack before the next frame (as
// the real agent does). Prints reports/s and ack latency beside the targets:
//   sustained ≥ 10,000 metric reports/s with p99 ack latency ≤ 1 s (collector and generator on
//   this 2-core machine together).
// Run: pnpm --filter @rollcall/collector bench   (AGENTS=200 SECONDS=20 by default)
import { randomUUID } from 'node:crypto';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, type MetricsBatch } from '@rollcall/protocol';
import WebSocket from 'ws';
import { silentLogger } from '../src/log.ts';
import { startServer } from '../src/server.ts';
import { testBackends } from '../src/testing/index.ts';

const AGENTS = Number(process.env.AGENTS ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 20);
const postgres = testBackends().find((b) => b.name === 'postgres')!;
if (!postgres.available) {
  console.error('metrics-ingest bench needs PostgreSQL ($ROLLCALL_TEST_PG or 127.0.0.1:5432)');
  process.exit(1);
}
const db = await postgres.create();
const server = await startServer({ db: db.target, port: 0, host: '127.0.0.1', log: silentLogger, enrollToken: 'bench' });

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
  processes: ['chrome', 'slack', 'code', 'bash', 'sshd'],
});

/** One simulated agent: Hello, then MetricsBatch frames one after the other until `until`. */
async function agent(until: number, latencies: number[]): Promise<number> {
  const ws = new WebSocket(server.agentUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let waiter: ((frame: ReturnType<typeof decodeFrame>) => void) | undefined;
  ws.on('message', (data) => waiter?.(decodeFrame(data as Buffer)));
  const next = () => new Promise<ReturnType<typeof decodeFrame>>((resolve) => (waiter = resolve));
  ws.send(encodeFrame({ seq: 1, kind: 'hello', hello: { agentId: randomUUID(), agentVersion: 'bench', protocolVersion: PROTOCOL_VERSION, enrollToken: 'bench' } }));
  if ((await next()).kind !== 'welcome') throw new Error('no Welcome');
  let seq = 1;
  let sent = 0;
  while (Date.now() < until) {
    const started = performance.now();
    ws.send(encodeFrame({ seq: ++seq, kind: 'metrics', metrics: batch(seq) }));
    const ack = await next();
    if (ack.kind !== 'ack') throw new Error(`expected an Ack, got ${ack.kind}`);
    latencies.push(performance.now() - started);
    sent++;
  }
  ws.close();
  return sent;
}

try {
  const latencies: number[] = [];
  const warmUp = Date.now() + 3000;
  await Promise.all(Array.from({ length: Math.min(AGENTS, 20) }, () => agent(warmUp, [])));
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: AGENTS }, () => agent(Date.now() + SECONDS * 1000, latencies)));
  const seconds = (performance.now() - started) / 1000;
  const total = counts.reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)]!;
  const rate = total / seconds;
  console.log('metrics ingestion benchmark (PostgreSQL)');
  console.log(`  ${AGENTS} agents over real WebSockets, ${seconds.toFixed(1)} s: ${total.toLocaleString('en')} reports acked`);
  console.log(`  throughput: ${Math.round(rate).toLocaleString('en')} reports/s (target ≥ 10,000) ${rate >= 10_000 ? 'OK' : 'UNDER'}`);
  console.log(`  ack latency: p50 ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms (target p99 ≤ 1000 ms) ${p(0.99) <= 1000 ? 'OK' : 'OVER'}`);
} finally {
  await server.close();
  await db.drop();
}
