import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { createStores, type Stores } from './index.ts';
import type { InventoryRecord } from './inventories.ts';

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

describe.each(testBackends())('the stores of what agents report on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let stores: Stores;

  beforeAll(async () => {
    if (!backend.available) return;
    stores = createStores(suite.database.db);
    await stores.agents.enroll({ id: 'agent-1', keyHash: 'h', agentVersion: '0.1.0', platform: 'linux', hostname: 'lab-07', now: new Date('2026-01-01T00:00:00Z') });
  });

  it.skipIf(!backend.available)('creates one device per agent and moves last_seen forward', async () => {
    await stores.inventories.record(record(1, '2026-01-01T10:00:00Z'));
    await stores.inventories.record(record(2, '2026-01-02T10:00:00Z', { device: { ...device, hostname: 'lab-07-renamed' } }));
    const devices = await stores.devices.list();
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({
      agentId: 'agent-1',
      hostname: 'lab-07-renamed',
      macs: ['3c:9c:0f:12:34:56'],
      firstSeen: new Date('2026-01-01T10:00:00Z'),
      lastSeen: new Date('2026-01-02T10:00:00Z'),
    });
    expect(await stores.inventories.count('agent-1')).toBe(2);
    const observations = await stores.observations.until(new Date('2030-01-01'));
    // The two inventories' sightings are alike: read back as one, first and last seen.
    expect(observations.map((o) => [o.source, o.firstSeenAt?.toISOString(), o.seenAt.toISOString(), o.serial])).toEqual([
      ['agent:agent-1', '2026-01-01T10:00:00.000Z', '2026-01-02T10:00:00.000Z', 'PF3ABCDE'],
    ]);
  });

  it.skipIf(!backend.available)('ignores a replayed sequence number', async () => {
    const replay = await stores.inventories.record(record(2, '2026-01-03T10:00:00Z'));
    expect(replay.duplicate).toBe(true);
    expect(await stores.inventories.count('agent-1')).toBe(2);
    expect((await stores.devices.list())[0]?.lastSeen).toEqual(new Date('2026-01-02T10:00:00Z'));
    expect((await stores.agents.get('agent-1'))?.lastSeq).toBe(2);
  });

  it.skipIf(!backend.available)('writes nothing for an agent that is not enrolled', async () => {
    await expect(stores.inventories.record(record(1, '2026-01-01T10:00:00Z', { agentId: 'stranger' }))).rejects.toThrow(/not enrolled/);
    expect((await stores.devices.list()).map((d) => d.agentId)).toEqual(['agent-1']);
  });

  it.skipIf(!backend.available)('writes many agents’ metrics in one go, skipping replays, linking devices', async () => {
    await stores.agents.enroll({ id: 'agent-2', keyHash: 'h', agentVersion: '0.1.0', platform: 'linux', hostname: 'lab-08', now: new Date('2026-01-01T00:00:00Z') });
    const at = new Date('2026-01-02T11:00:00Z');
    const metrics = (agentId: string, seq: number) => ({
      agentId,
      seq,
      receivedAt: at,
      batch: { startAt: at, endAt: at, samples: 5, cpuMin: 1, cpuAvg: 2.5, cpuMax: 4, memoryMin: null, memoryAvg: null, memoryMax: null, mounts: [{ mount: '/', sizeBytes: 10, usedPercent: { min: 1, avg: 2, max: 3 } }], netRxBytes: 7, netTxBytes: 8, uptimeSeconds: 9, users: ['ann', 'bob'], processes: ['node'] },
    });
    // agent-1 is at seq 2: its seq 2 is a replay, seq 3 is new; agent-2 has no device yet.
    expect(await stores.metrics.recordMany([metrics('agent-1', 2), metrics('agent-1', 3), metrics('agent-2', 1)])).toEqual([{ duplicate: true }, { duplicate: false }, { duplicate: false }]);
    const [row] = await stores.metrics.ofAgent('agent-1');
    expect(row).toMatchObject({ seq: 3, cpuAvg: 2.5, memoryAvg: null, users: ['ann', 'bob'], processes: ['node'], netRxBytes: 7, mounts: [{ mount: '/', sizeBytes: 10 }] });
    expect((await stores.metrics.ofAgent('agent-2')).map((r) => r.seq)).toEqual([1]);
    expect((await stores.agents.get('agent-1'))?.lastSeq).toBe(3);
    expect((await stores.agents.get('agent-2'))?.lastSeq).toBe(1);
    await expect(stores.metrics.recordMany([metrics('stranger', 1)])).rejects.toThrow(/not enrolled/);
  });

  it.skipIf(!backend.available)('keeps the first value of an initialised setting', async () => {
    expect(await stores.settings.getOrInit('enroll_token', 'first')).toBe('first');
    expect(await stores.settings.getOrInit('enroll_token', 'second')).toBe('first');
  });

  it.skipIf(!backend.available)('reopens an existing database without re-running migrations', async () => {
    const again = await (suite.test.target.kind === 'pglite'
      ? (async () => {
          await suite.database.close();
          suite.database = await openDatabase(suite.test.target, 'test');
          stores = createStores(suite.database.db);
          return stores;
        })()
      : (async () => {
          const second = await openDatabase(suite.test.target, 'test');
          const devices = await createStores(second.db).devices.list();
          await second.close();
          expect(devices).toHaveLength(1);
          return stores;
        })());
    expect(await again.devices.list()).toHaveLength(1);
  });
});
