import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createStores, type Stores } from '../store/index.ts';
import type { MetricsRecord } from '../store/metrics.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { MetricsWriter } from './metrics-writer.ts';

const record = (agentId: string, seq: number) => ({ agentId, seq }) as MetricsRecord;

/** A store that remembers each write it was asked for; `hold` keeps writes open until released. */
function recordingStore(options: { fail?: boolean; hold?: boolean } = {}) {
  const writes: string[][] = [];
  const open: (() => void)[] = [];
  return {
    writes,
    /** Lets the oldest held write finish. */
    release: () => open.shift()?.(),
    async recordMany(records: readonly MetricsRecord[]) {
      writes.push(records.map((r) => `${r.agentId}#${r.seq}`));
      if (options.hold) await new Promise<void>((resolve) => open.push(resolve));
      if (options.fail) throw new Error('database went away');
      return records.map((r) => ({ duplicate: r.seq === 0 }));
    },
  };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('MetricsWriter', () => {
  it('writes batches that arrive together in one transaction, and answers each caller', async () => {
    const store = recordingStore();
    const writer = new MetricsWriter(store, { maxDelayMs: 20 });
    const results = await Promise.all([writer.write(record('a', 1)), writer.write(record('b', 0)), writer.write(record('c', 7))]);
    expect(store.writes).toEqual([['a#1', 'b#0', 'c#7']]);
    expect(results).toEqual([{ duplicate: false }, { duplicate: true }, { duplicate: false }]);
  });

  it('writes at most maxRows batches at once', async () => {
    const store = recordingStore();
    const writer = new MetricsWriter(store, { maxRows: 2, concurrency: 1 });
    await Promise.all([writer.write(record('a', 1)), writer.write(record('b', 1)), writer.write(record('c', 1))]);
    expect(store.writes).toEqual([['a#1', 'b#1'], ['c#1']]);
  });

  it('rejects every batch of a failed write, so no agent gets an ack for it', async () => {
    const writer = new MetricsWriter(recordingStore({ fail: true }), { maxDelayMs: 5 });
    const outcomes = await Promise.allSettled([writer.write(record('a', 1)), writer.write(record('b', 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('gathers what arrives during a write into the next one (group commit)', async () => {
    const store = recordingStore({ hold: true });
    const writer = new MetricsWriter(store, { concurrency: 1 });
    const first = writer.write(record('a', 1));
    await turn();
    const later = [writer.write(record('b', 1)), writer.write(record('c', 1))];
    await turn();
    expect(store.writes).toEqual([['a#1']]);
    store.release();
    await first;
    await turn();
    expect(store.writes).toEqual([['a#1'], ['b#1', 'c#1']]);
    store.release();
    await Promise.all(later);
  });

  it('starts a second write alongside the first only once minRows wait or maxDelayMs passed', async () => {
    const store = recordingStore({ hold: true });
    const writer = new MetricsWriter(store, { concurrency: 2, minRows: 2, maxDelayMs: 30 });
    const done = [writer.write(record('a', 1))];
    await turn();
    done.push(writer.write(record('b', 1)));
    await turn();
    expect(store.writes).toEqual([['a#1']]); // one waits: not enough for a second write yet
    done.push(writer.write(record('c', 1)));
    await turn();
    expect(store.writes).toEqual([['a#1'], ['b#1', 'c#1']]);
    done.push(writer.write(record('d', 1)));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.writes).toHaveLength(2); // both slots busy: d waits for one
    store.release();
    await turn();
    expect(store.writes).toEqual([['a#1'], ['b#1', 'c#1'], ['d#1']]);
    store.release();
    store.release();
    await Promise.all(done);
  });

  it('keeps an agent out of a second write while its batch is in flight, so its batches stay in order', async () => {
    const store = recordingStore({ hold: true });
    const writer = new MetricsWriter(store, { concurrency: 2, minRows: 1 });
    const done = [writer.write(record('a', 1))];
    await turn();
    done.push(writer.write(record('a', 2)), writer.write(record('b', 1)));
    await turn();
    expect(store.writes).toEqual([['a#1'], ['b#1']]);
    store.release();
    await turn();
    expect(store.writes).toEqual([['a#1'], ['b#1'], ['a#2']]);
    store.release();
    store.release();
    await Promise.all(done);
  });

  it('waits for the write in flight, not in a loop, when every waiting batch is held back', async () => {
    const store = recordingStore({ hold: true });
    const writer = new MetricsWriter(store, { concurrency: 2, minRows: 10, maxDelayMs: 1 });
    const done = [writer.write(record('a', 1))];
    await turn();
    const immediates = vi.spyOn(globalThis, 'setImmediate');
    done.push(writer.write(record('a', 2)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(immediates.mock.calls.length).toBeLessThan(5);
    immediates.mockRestore();
    store.release();
    await turn();
    expect(store.writes).toEqual([['a#1'], ['a#2']]);
    store.release();
    await Promise.all(done);
  });

  it('flush() writes what waits and resolves once every write has settled', async () => {
    const store = recordingStore();
    const writer = new MetricsWriter(store, { concurrency: 1, maxRows: 1 });
    const acked: string[] = [];
    for (const agent of ['a', 'b', 'c']) void writer.write(record(agent, 1)).then(() => acked.push(agent));
    await writer.flush();
    expect(acked).toEqual(['a', 'b', 'c']);
  });
});

describe.each(testBackends())('MetricsWriter on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let stores: Stores;
  const at = new Date('2026-03-02T11:00:00Z');
  const metrics = (agentId: string, seq: number): MetricsRecord => ({
    agentId,
    seq,
    receivedAt: at,
    batch: { startAt: at, endAt: at, samples: 1, cpuMin: 1, cpuAvg: 1, cpuMax: 1, memoryMin: 1, memoryAvg: 1, memoryMax: 1, mounts: [], netRxBytes: 0, netTxBytes: 0, uptimeSeconds: 1, users: [], processes: [], lastInputAt: null },
  });

  beforeAll(async () => {
    if (!backend.available) return;
    stores = createStores(suite.database.db);
    for (const id of ['w1', 'w2', 'w3']) await stores.agents.enroll({ id, keyHash: 'h', agentVersion: '1', platform: 'linux', hostname: id, now: at });
  });

  it.skipIf(!backend.available)('stores each batch once across writes: a replay in a later write is a duplicate', async () => {
    const writer = new MetricsWriter(stores.metrics, { concurrency: 2, minRows: 1 });
    const first = await Promise.all([writer.write(metrics('w1', 1)), writer.write(metrics('w2', 1))]);
    const second = await Promise.all([writer.write(metrics('w1', 1)), writer.write(metrics('w1', 2)), writer.write(metrics('w2', 2))]);
    expect([...first, ...second].map((r) => r.duplicate)).toEqual([false, false, true, false, false]);
    expect((await stores.metrics.ofAgent('w1')).map((m) => m.seq)).toEqual([1, 2]);
  });

  it.skipIf(!backend.available)('rejects every batch of a write that fails, and stores none of them', async () => {
    const writer = new MetricsWriter(stores.metrics);
    const outcomes = await Promise.allSettled([writer.write(metrics('w3', 1)), writer.write(metrics('unenrolled', 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await stores.metrics.ofAgent('w3')).toEqual([]);
    expect(await writer.write(metrics('w3', 1))).toEqual({ duplicate: false }); // the agent's resend is stored
  });
});
