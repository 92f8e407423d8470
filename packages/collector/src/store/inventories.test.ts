import { beforeAll, describe, expect, it } from 'vitest';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { createStores, type Stores } from './index.ts';
import type { InventoryRecord, InventoryStore } from './inventories.ts';

const device = (hostname: string, serial: string) => ({ hostname, serial, smbiosUuid: '', machineId: '', macs: [], manufacturer: 'LENOVO', model: 'T14', os: 'Ubuntu 24.04', timeZone: '' });

const record = (agentId: string, seq: number, day: string, software: { name: string; publisher?: string; section?: string }[], hostname = 'lab-07.corp.example', serial = 'PF3ABCDE'): InventoryRecord => ({
  agentId,
  seq,
  full: seq === 1,
  device: device(hostname, serial),
  collectedAt: null,
  receivedAt: new Date(`${day}T10:00:00Z`),
  frameBytes: 500,
  snapshot: { hostname, seq, software: software.map((s) => ({ version: '1', publisher: '', ...s })) },
  observations: [],
});

describe.each(testBackends())('InventoryStore on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let stores: Stores;
  let inventories: InventoryStore;

  beforeAll(async () => {
    if (!backend.available) return;
    stores = createStores(suite.database.db);
    inventories = stores.inventories;
    const now = new Date('2026-01-01T00:00:00Z');
    for (const id of ['agent-1', 'agent-2', 'agent-3']) await stores.agents.enroll({ id, keyHash: 'h', agentVersion: '0.1.0', platform: 'linux', hostname: id, now });
    // agent-1 reports daily; agent-2 reported twice, long ago, then went quiet; agent-3 never reported.
    for (const [seq, day] of [[1, '2026-01-01'], [2, '2026-01-02'], [3, '2026-03-01'], [4, '2026-03-02']] as const) {
      await stores.inventories.record(record('agent-1', seq, day, seq < 4 ? [{ name: 'vim' }] : [{ name: 'vim' }, { name: 'Zoom', publisher: 'Zoom Video' }]));
    }
    await stores.inventories.record(record('agent-2', 1, '2026-01-01', [{ name: 'htop' }, { name: '' }], 'lab-08', 'PF3XYZ'));
    await stores.inventories.record(record('agent-2', 2, '2026-01-05', [{ name: 'htop', section: 'utils' }], 'lab-08', 'PF3XYZ'));
  });

  it.skipIf(!backend.available)('reads the latest inventory of an agent, with what the stored row says about it', async () => {
    const latest = await inventories.latest('agent-1');
    expect(latest).toMatchObject({ agentId: 'agent-1', seq: 4, full: false, receivedAt: new Date('2026-03-02T10:00:00Z'), frameBytes: 500, snapshot: { seq: 4 } });
    expect(await inventories.latest('agent-3')).toBeUndefined();
  });

  it.skipIf(!backend.available)("reads every agent's installed titles from its latest inventory only, nameless entries left out", async () => {
    const software = await inventories.latestSoftware();
    expect(Object.fromEntries(software)).toEqual({
      'agent-1': [{ name: 'vim', publisher: null, section: null }, { name: 'Zoom', publisher: 'Zoom Video', section: null }],
      'agent-2': [{ name: 'htop', publisher: null, section: 'utils' }],
    });
  });

  it.skipIf(!backend.available)('finds installed packages by part of their name on every device, from latest inventories, paged with the total', async () => {
    const found = await inventories.findInstalled('O', { limit: 10, offset: 0 });
    expect(found.total).toBe(2);
    expect(found.installs.map((p) => [p.name, p.hostname, p.agentId, p.version, p.installedAt])).toEqual([
      ['htop', 'lab-08', 'agent-2', '1', null],
      ['Zoom', 'lab-07.corp.example', 'agent-1', '1', null], // only in agent-1's latest inventory
    ]);
    expect(found.installs[1]).toMatchObject({ publisher: 'Zoom Video', reportedAt: '2026-03-02T10:00:00.000Z', deviceId: expect.any(String) });
    expect(await inventories.findInstalled('o', { limit: 1, offset: 1 })).toMatchObject({ total: 2, installs: [{ name: 'Zoom' }] });
    expect(await inventories.findInstalled('o', { limit: 10, offset: 5 })).toEqual({ total: 2, installs: [] }); // past the end: still the total
    expect(await inventories.findInstalled('v_m', { limit: 10, offset: 0 })).toEqual({ total: 0, installs: [] }); // _ is no wildcard
  });

  it.skipIf(!backend.available)('finds a device by hostname with or without domain, by serial in any case, by device or agent id', async () => {
    const [one] = await stores.devices.find('agent-1');
    expect(one).toMatchObject({ agentId: 'agent-1', hostname: 'lab-07.corp.example' });
    for (const ref of ['LAB-07', 'lab-07.corp.example', 'pf3abcde', one!.id]) expect((await stores.devices.find(ref)).map((d) => d.agentId), ref).toEqual(['agent-1']);
    expect(await stores.devices.find('lab-0')).toEqual([]); // a hostname's start is not its name
  });

  it.skipIf(!backend.available)("prunes inventories received before the cutoff, always keeping each agent's latest", async () => {
    expect(await inventories.prune(new Date('2026-02-01T00:00:00Z'))).toBe(3); // agent-1's #1 and #2, agent-2's #1
    expect(await stores.inventories.fullness('agent-1')).toEqual([false, false]); // #3 and #4 are newer than the cutoff
    expect((await inventories.latest('agent-2'))?.seq).toBe(2); // older than the cutoff, but its latest
    expect(await inventories.prune(new Date('2027-01-01T00:00:00Z'))).toBe(1); // agent-1's #3
    expect((await stores.inventories.count('agent-1')) + (await stores.inventories.count('agent-2'))).toBe(2);
  });
});
