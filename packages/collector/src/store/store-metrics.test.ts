import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { Store, type MetricsRecord } from './store.ts';

const at = new Date('2026-03-02T11:00:00.123Z');
const metrics = (agentId: string, seq: number, batch: Partial<MetricsRecord['batch']> = {}): MetricsRecord => ({
  agentId,
  seq,
  receivedAt: at,
  batch: {
    startAt: new Date('2026-03-02T10:55:00.001Z'),
    endAt: new Date('2026-03-02T10:59:59.999Z'),
    samples: 5,
    cpuMin: 1,
    cpuAvg: 2.5,
    cpuMax: 4,
    memoryMin: null,
    memoryAvg: null,
    memoryMax: null,
    mounts: [{ mount: '/', sizeBytes: 10, usedPercent: { min: 1, avg: 2, max: 3 } }],
    netRxBytes: 7,
    netTxBytes: 8,
    uptimeSeconds: 9,
    users: ['ann'],
    processes: ['node'],
    lastInputAt: null,
    ...batch,
  },
});

describe.each(testBackends())('Store.recordMetricsMany on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let store: Store;
  const enroll = (id: string) => store.enrollAgent({ id, keyHash: 'h', agentVersion: '1', platform: 'linux', hostname: id, now: at });

  beforeAll(async () => {
    if (!backend.available) return;
    store = new Store(suite.database.db);
  });

  it.skipIf(!backend.available)('stores every value as sent, awkward strings and large counters included', async () => {
    await enroll('values');
    const batch = {
      memoryMin: 40,
      memoryAvg: 45.5,
      memoryMax: 51,
      mounts: [{ mount: 'C:\\ "data", {x}', sizeBytes: 2 ** 53 - 1, usedPercent: { min: 0, avg: 0.5, max: 1 } }],
      netRxBytes: 2 ** 53 - 1,
      uptimeSeconds: 0,
      users: ['a"b', 'back\\slash', 'NULL', '{x,y}', ' spaced ', 'ünïcödé', ''],
      processes: [],
      lastInputAt: new Date('2026-03-02T10:58:00.456Z'),
    };
    expect(await store.recordMetricsMany([metrics('values', 1, batch)])).toEqual([{ duplicate: false }]);
    const [row] = await store.metricsOf('values');
    expect(row).toEqual({ ...metrics('values', 1, batch).batch, id: row!.id, agentId: 'values', seq: 1, receivedAt: at });
  });

  it.skipIf(!backend.available)('claims several batches of one agent in order, and skips replays among them', async () => {
    await enroll('rounds-a');
    await enroll('rounds-b');
    const results = await store.recordMetricsMany([metrics('rounds-a', 5), metrics('rounds-a', 6), metrics('rounds-b', 1), metrics('rounds-a', 6), metrics('rounds-a', 4)]);
    expect(results).toEqual([{ duplicate: false }, { duplicate: false }, { duplicate: false }, { duplicate: true }, { duplicate: true }]);
    expect((await store.metricsOf('rounds-a')).map((m) => m.seq)).toEqual([5, 6]);
    expect((await store.agent('rounds-a'))?.lastSeq).toBe(6);
    expect(await store.recordMetricsMany([metrics('rounds-a', 6), metrics('rounds-b', 2)])).toEqual([{ duplicate: true }, { duplicate: false }]);
  });

  it.skipIf(!backend.available)('writes nothing when one agent is not enrolled', async () => {
    await enroll('innocent');
    await expect(store.recordMetricsMany([metrics('innocent', 1), metrics('stranger', 1)])).rejects.toThrow(/agent stranger is not enrolled/);
    expect(await store.metricsOf('innocent')).toEqual([]);
    expect((await store.agent('innocent'))?.lastSeq).toBe(0);
  });

  it.skipIf(!backend.available)('stores a batch once when two writers (or collectors) race with it', async () => {
    await enroll('raced');
    // PGlite is one process's database: there the race is between two writes on its one connection.
    const other = suite.test.target.kind === 'postgres' ? await openDatabase(suite.test.target, 'test') : undefined;
    const second = other ? new Store(other.db) : store;
    try {
      const results = await Promise.all([store.recordMetricsMany([metrics('raced', 1), metrics('innocent', 5)]), second.recordMetricsMany([metrics('raced', 1)])]);
      expect(results.flat().filter((r) => !r.duplicate)).toHaveLength(2);
      expect((await store.metricsOf('raced')).map((m) => m.seq)).toEqual([1]);
    } finally {
      await other?.close();
    }
  });
});
