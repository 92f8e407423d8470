import { beforeAll, describe, expect, it } from 'vitest';
import { collectorPerSuite, testBackends } from '../testing/index.ts';

const machine = (hostname: string, serial: string) => ({ hostname, serial, smbiosUuid: '', machineId: '', macs: ['3c:9c:0f:12:34:56'], manufacturer: 'LENOVO', model: '21AH', os: 'Ubuntu 24.04', timeZone: '' });

describe.each(testBackends())('devices and their software over the API on $name', (backend) => {
  const collector = collectorPerSuite(backend);
  const get = async (path: string) => {
    const response = await fetch(`${collector.server.url}${path}`);
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    if (!backend.available) return;
    const { stores } = collector.server;
    const now = new Date('2026-11-02T08:00:00Z');
    for (const [id, hostname, serial] of [['a-1', 'lab-07.corp.example', 'PF3ABCDE'], ['a-2', 'kiosk', 'K1'], ['a-3', 'kiosk', 'K2']] as const) {
      await stores.agents.enroll({ id, keyHash: 'x', agentVersion: 'test', platform: 'linux', hostname, now });
      const snapshot = {
        collectedAtMs: now.getTime() - 5000,
        partial: false,
        sections: [],
        hostname,
        system: { manufacturer: 'LENOVO', model: '21AH', serial, virtual: false },
        cpu: { brand: 'Core i7-1265U', cores: 12, physicalCores: 10 },
        software: [
          { name: 'openssl', version: '3.0.15-1~deb12u1', source: 'dpkg', installedAtMs: Date.parse('2026-10-01T00:00:00Z') },
          { name: 'zoom', version: '6.2', source: 'snap', installedAtMs: 0 },
        ],
      };
      await stores.inventories.record({ agentId: id, seq: 1, full: true, device: machine(hostname, serial), collectedAt: new Date(now.getTime() - 5000), receivedAt: now, frameBytes: 900, snapshot, observations: [] });
    }
  });

  it.skipIf(!backend.available)('shows a device by its hostname, with its latest inventory and times as ISO strings', async () => {
    const { status, json } = await get('/api/devices/lab-07');
    expect(status).toBe(200);
    expect(json.device).toMatchObject({ agentId: 'a-1', hostname: 'lab-07.corp.example', serial: 'PF3ABCDE' });
    expect(json.inventory).toMatchObject({
      seq: 1,
      full: true,
      receivedAt: '2026-11-02T08:00:00.000Z',
      collectedAt: '2026-11-02T07:59:55.000Z',
      system: { serial: 'PF3ABCDE' },
      cpu: { cores: 12, physicalCores: 10 },
      software: [
        { name: 'openssl', version: '3.0.15-1~deb12u1', installedAt: '2026-10-01T00:00:00.000Z' },
        { name: 'zoom', installedAt: null },
      ],
    });
    // What only the wire needs stays out.
    expect(json.inventory).not.toHaveProperty('partial');
    expect(json.inventory).not.toHaveProperty('sections');
    expect(json.inventory).not.toHaveProperty('collectedAtMs');
    expect((await get(`/api/devices/${json.device.id}`)).json.device.agentId).toBe('a-1');
    expect((await get('/api/devices/pf3abcde')).json.device.agentId).toBe('a-1');
    expect((await get('/api/devices/a-2')).json.device.serial).toBe('K1');
  });

  it.skipIf(!backend.available)('names the devices a shared hostname matches (409), and says how to find one that matches none (404)', async () => {
    const ambiguous = await get('/api/devices/kiosk');
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.json.error.message).toMatch(/^2 devices match "kiosk": .*serial K1.*serial K2.*Name one by its id$/);
    expect(ambiguous.json.error.details.devices.map((d: { agentId: string }) => d.agentId).sort()).toEqual(['a-2', 'a-3']);
    const missing = await get('/api/devices/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toMatch(/no device has the id, agent id, serial or hostname "nope".*GET \/api\/devices/);
    expect((await get('/api/devices')).json.devices).toHaveLength(3);
  });

  it.skipIf(!backend.available)('says what changed between inventories, newest first, since a moment if asked, and names a bad one', async () => {
    const { stores } = collector.server;
    const latest = (await get('/api/devices/a-1')).json.inventory;
    const next = (seq: number, receivedAt: string, openssl: string) => {
      const snapshot = { hostname: 'lab-07.corp.example', system: latest.system, cpu: latest.cpu, software: [{ name: 'openssl', version: openssl, source: 'dpkg' }, { name: 'zoom', version: '6.2', source: 'snap' }] };
      return stores.inventories.record({ agentId: 'a-1', seq, full: true, device: machine('lab-07.corp.example', 'PF3ABCDE'), collectedAt: null, receivedAt: new Date(receivedAt), frameBytes: 1, snapshot, observations: [] });
    };
    await next(2, '2026-11-03T08:00:00Z', '3.0.15-1~deb12u1'); // the same software: no change
    await next(3, '2026-11-04T08:00:00Z', '3.0.16-1~deb12u1');
    const { status, json } = await get('/api/devices/lab-07/changes');
    expect(status).toBe(200);
    expect(json).toMatchObject({ since: null, inventories: 3, firstInventoryAt: '2026-11-02T08:00:00.000Z' });
    expect(json.changes).toEqual([{ seq: 3, receivedAt: '2026-11-04T08:00:00.000Z', changes: [{ section: 'software', kind: 'changed', item: 'openssl (dpkg)', from: '3.0.15-1~deb12u1', to: '3.0.16-1~deb12u1' }] }]);
    expect((await get('/api/devices/lab-07/changes?since=2026-11-05')).json.changes).toEqual([]);
    expect((await get('/api/devices/lab-07/changes?since=2026-11-04')).json.changes).toHaveLength(1);
    // Or in days back from now: enough to reach the change, or not.
    const daysAgo = Math.ceil((Date.now() - Date.parse('2026-11-04T08:00:00Z')) / 86_400_000);
    expect((await get(`/api/devices/lab-07/changes?since=${daysAgo + 1}d`)).json.changes).toHaveLength(1);
    expect((await get(`/api/devices/lab-07/changes?since=${daysAgo - 1}d`)).json.changes).toEqual([]);
    const bad = await get('/api/devices/lab-07/changes?since=lately');
    expect([bad.status, bad.json.error.message]).toEqual([400, 'since "lately": expected days like 30d, weeks like 4w, or an ISO-8601 date like 2026-11-01']);
    expect((await get('/api/devices/nope/changes')).status).toBe(404);
  });

  it.skipIf(!backend.available)('lists who has a package installed, in which version, and asks for a name', async () => {
    const { status, json } = await get('/api/software/installs?name=SSL&limit=2');
    expect(status).toBe(200);
    expect(json).toMatchObject({ name: 'SSL', total: 3, limit: 2, offset: 0 });
    expect(json.installs.map((p: { hostname: string; version: string }) => [p.hostname, p.version])).toEqual([
      ['kiosk', '3.0.15-1~deb12u1'],
      ['kiosk', '3.0.15-1~deb12u1'],
    ]);
    expect(json.installs[0]).toMatchObject({ name: 'openssl', source: 'dpkg', installedAt: '2026-10-01T00:00:00.000Z', reportedAt: '2026-11-02T08:00:00.000Z' });
    const blank = await get('/api/software/installs?name=%20');
    expect([blank.status, blank.json.error.message]).toEqual([400, 'name part of a package name to look for, e.g. openssl']);
  });
});
