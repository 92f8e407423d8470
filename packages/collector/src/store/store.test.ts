import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { ObservationStore } from './observations.ts';
import { Store, type InventoryRecord } from './store.ts';

const device = {
  hostname: 'lab-07',
  serial: 'PF3ABCDE',
  smbiosUuid: '',
  machineId: 'm-1',
  macs: ['3c:9c:0f:12:34:56'],
  manufacturer: 'LENOVO',
  model: 'T14',
  os: 'Ubuntu 24.04',
  timeZone: 'Europe/Berlin',
};
const record = (seq: number, at: string, overrides: Partial<InventoryRecord> = {}): InventoryRecord => ({
  agentId: 'agent-1',
  seq,
  full: true,
  device,
  collectedAt: new Date(at),
  receivedAt: new Date(at),
  frameBytes: 300,
  snapshot: { hostname: 'lab-07', seq },
  observations: [{ source: 'agent:agent-1', seenAt: new Date(at), hostname: 'lab-07', serial: 'PF3ABCDE', uuid: null, macs: device.macs, ips: [], vendor: 'LENOVO', model: 'T14' }],
  ...overrides,
});

describe.each(testBackends())('Store on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let store: Store;

  beforeAll(async () => {
    if (!backend.available) return;
    store = new Store(suite.database.db);
    await store.enrollAgent({ id: 'agent-1', keyHash: 'h', agentVersion: '0.1.0', platform: 'linux', hostname: 'lab-07', now: new Date('2026-01-01T00:00:00Z') });
  });

  it.skipIf(!backend.available)('creates one device per agent and moves last_seen forward', async () => {
    await store.recordInventory(record(1, '2026-01-01T10:00:00Z'));
    await store.recordInventory(record(2, '2026-01-02T10:00:00Z', { device: { ...device, hostname: 'lab-07-renamed' } }));
    const devices = await store.listDevices();
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({
      agentId: 'agent-1',
      hostname: 'lab-07-renamed',
      macs: ['3c:9c:0f:12:34:56'],
      firstSeen: new Date('2026-01-01T10:00:00Z'),
      lastSeen: new Date('2026-01-02T10:00:00Z'),
    });
    expect(await store.countInventories('agent-1')).toBe(2);
    const observations = await new ObservationStore(suite.database.db).until(new Date('2030-01-01'));
    // The two inventories' sightings are alike: read back as one, first and last seen.
    expect(observations.map((o) => [o.source, o.firstSeenAt?.toISOString(), o.seenAt.toISOString(), o.serial])).toEqual([
      ['agent:agent-1', '2026-01-01T10:00:00.000Z', '2026-01-02T10:00:00.000Z', 'PF3ABCDE'],
    ]);
  });

  it.skipIf(!backend.available)('ignores a replayed sequence number', async () => {
    const replay = await store.recordInventory(record(2, '2026-01-03T10:00:00Z'));
    expect(replay.duplicate).toBe(true);
    expect(await store.countInventories('agent-1')).toBe(2);
    expect((await store.listDevices())[0]?.lastSeen).toEqual(new Date('2026-01-02T10:00:00Z'));
    expect((await store.agent('agent-1'))?.lastSeq).toBe(2);
  });

  it.skipIf(!backend.available)('writes nothing for an agent that is not enrolled', async () => {
    await expect(store.recordInventory(record(1, '2026-01-01T10:00:00Z', { agentId: 'stranger' }))).rejects.toThrow(/not enrolled/);
    expect((await store.listDevices()).map((d) => d.agentId)).toEqual(['agent-1']);
  });

  it.skipIf(!backend.available)('writes many agents’ metrics in one go, skipping replays, linking devices', async () => {
    await store.enrollAgent({ id: 'agent-2', keyHash: 'h', agentVersion: '0.1.0', platform: 'linux', hostname: 'lab-08', now: new Date('2026-01-01T00:00:00Z') });
    const at = new Date('2026-01-02T11:00:00Z');
    const metrics = (agentId: string, seq: number) => ({
      agentId,
      seq,
      receivedAt: at,
      batch: { startAt: at, endAt: at, samples: 5, cpuMin: 1, cpuAvg: 2.5, cpuMax: 4, memoryMin: null, memoryAvg: null, memoryMax: null, mounts: [{ mount: '/', sizeBytes: 10, usedPercent: { min: 1, avg: 2, max: 3 } }], netRxBytes: 7, netTxBytes: 8, uptimeSeconds: 9, users: ['ann', 'bob'], processes: ['node'] },
    });
    // agent-1 is at seq 2: its seq 2 is a replay, seq 3 is new; agent-2 has no device yet.
    expect(await store.recordMetricsMany([metrics('agent-1', 2), metrics('agent-1', 3), metrics('agent-2', 1)])).toEqual([{ duplicate: true }, { duplicate: false }, { duplicate: false }]);
    const [row] = await store.metricsOf('agent-1');
    expect(row).toMatchObject({ seq: 3, cpuAvg: 2.5, memoryAvg: null, users: ['ann', 'bob'], processes: ['node'], netRxBytes: 7, mounts: [{ mount: '/', sizeBytes: 10 }] });
    expect((await store.metricsOf('agent-2')).map((r) => r.seq)).toEqual([1]);
    expect((await store.agent('agent-1'))?.lastSeq).toBe(3);
    expect((await store.agent('agent-2'))?.lastSeq).toBe(1);
    await expect(store.recordMetricsMany([metrics('stranger', 1)])).rejects.toThrow(/not enrolled/);
  });

  it.skipIf(!backend.available)('keeps the first value of an initialised setting', async () => {
    expect(await store.settingOrInit('enroll_token', 'first')).toBe('first');
    expect(await store.settingOrInit('enroll_token', 'second')).toBe('first');
  });

  it.skipIf(!backend.available)('reopens an existing database without re-running migrations', async () => {
    const again = await (suite.test.target.kind === 'pglite'
      ? (async () => {
          await suite.database.close();
          suite.database = await openDatabase(suite.test.target, 'test');
          store = new Store(suite.database.db);
          return store;
        })()
      : (async () => {
          const second = await openDatabase(suite.test.target, 'test');
          const s = new Store(second.db);
          const devices = await s.listDevices();
          await second.close();
          expect(devices).toHaveLength(1);
          return store;
        })());
    expect(await again.listDevices()).toHaveLength(1);
  });
});
