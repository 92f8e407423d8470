import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { createStores, type Stores } from './index.ts';
import type { MetricsRecord } from './metrics.ts';

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

describe.each(testBackends())('MetricsStore.recordMany on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let stores: Stores;
  const enroll = (id: string) => stores.agents.enroll({ id, keyHash: 'h', agentVersion: '1', platform: 'linux', hostname: id, now: at });

  beforeAll(async () => {
    if (!backend.available) return;
    stores = createStores(suite.database.db);
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
    expect(await stores.metrics.recordMany([metrics('values', 1, batch)])).toEqual([{ duplicate: false }]);
    const [row] = await stores.metrics.ofAgent('values');
    expect(row).toEqual({ ...metrics('values', 1, batch).batch, id: row!.id, agentId: 'values', seq: 1, receivedAt: at });
  });

  it.skipIf(!backend.available)('claims several batches of one agent in order, and skips replays among them', async () => {
    await enroll('rounds-a');
    await enroll('rounds-b');
    const results = await stores.metrics.recordMany([metrics('rounds-a', 5), metrics('rounds-a', 6), metrics('rounds-b', 1), metrics('rounds-a', 6), metrics('rounds-a', 4)]);
    expect(results).toEqual([{ duplicate: false }, { duplicate: false }, { duplicate: false }, { duplicate: true }, { duplicate: true }]);
    expect((await stores.metrics.ofAgent('rounds-a')).map((m) => m.seq)).toEqual([5, 6]);
    expect((await stores.agents.get('rounds-a'))?.lastSeq).toBe(6);
    expect(await stores.metrics.recordMany([metrics('rounds-a', 6), metrics('rounds-b', 2)])).toEqual([{ duplicate: true }, { duplicate: false }]);
  });

  it.skipIf(!backend.available)('writes nothing when one agent is not enrolled', async () => {
    await enroll('innocent');
    await expect(stores.metrics.recordMany([metrics('innocent', 1), metrics('stranger', 1)])).rejects.toThrow(/agent stranger is not enrolled/);
    expect(await stores.metrics.ofAgent('innocent')).toEqual([]);
    expect((await stores.agents.get('innocent'))?.lastSeq).toBe(0);
  });

  it.skipIf(!backend.available)('stores a batch once when two writers (or collectors) race with it', async () => {
    await enroll('raced');
    // PGlite is one process's database: there the race is between two writes on its one connection.
    const other = suite.test.target.kind === 'postgres' ? await openDatabase(suite.test.target, 'test') : undefined;
    const second = other ? createStores(other.db) : stores;
    try {
      const results = await Promise.all([stores.metrics.recordMany([metrics('raced', 1), metrics('innocent', 5)]), second.metrics.recordMany([metrics('raced', 1)])]);
      expect(results.flat().filter((r) => !r.duplicate)).toHaveLength(2);
      expect((await stores.metrics.ofAgent('raced')).map((m) => m.seq)).toEqual([1]);
    } finally {
      await other?.close();
    }
  });
});
