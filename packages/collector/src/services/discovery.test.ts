import type { DeviceWalk } from '@rollcall/discovery';
import { describe, expect, it } from 'vitest';
import { createStores } from '../store/index.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { DiscoveryService } from './discovery.ts';

/** A printer whose SNMP strings are NUL-padded, as some firmware sends them. */
const paddedWalk = (): DeviceWalk => ({
  address: '192.0.2.40',
  walkedAtMs: Date.parse('2026-11-20T02:30:00Z'),
  system: { descr: 'LaserJet\u0000\u0000', objectId: '1.3.6.1.4.1.11.2.3.9.1', vendor: 'HP', upTimeSeconds: 1, contact: null, name: 'prn-2\u0000', location: 'floor 2\u0000' },
  chassis: { serial: 'CN12\u000034', model: 'M404\u0000', manufacturer: null, firmware: null, hardwareRev: null, descr: null },
  interfaces: [{ index: 1, name: 'eth0\u0000', descr: null, type: 6, mac: '3c:2a:f4:00:00:40', up: true, alias: null }],
  arp: [],
  fdb: [],
  lldp: [],
  problems: [],
});

describe.each(testBackends())('DiscoveryService on $name', (backend) => {
  const context = databasePerSuite(backend);

  it.skipIf(!backend.available)('stores a walk whose strings hold NUL characters, without them', async () => {
    const discovery = new DiscoveryService(createStores(context.database.db));
    expect(await discovery.recordWalk(paddedWalk())).toMatchObject({ observations: 1 });
    const stored = await discovery.devices.lastWalk('192.0.2.40');
    expect(stored?.system).toMatchObject({ descr: 'LaserJet', name: 'prn-2', location: 'floor 2' });
    expect(stored?.chassis).toMatchObject({ serial: 'CN1234', model: 'M404' });
  });
});
