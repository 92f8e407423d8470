import type { Asset } from '@rollcall/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { AssetStore } from './assets.ts';

const asset = (tag: string, fields: Partial<Asset>): Asset => ({
  assetTag: tag, name: null, serial: null, smbiosUuid: null, macs: [], manufacturer: null, model: null, category: null, status: 'deployed',
  assignedUser: null, department: null, location: null, timeZone: null, purchaseDate: null, purchaseCost: null, supplier: null,
  orderNumber: null, warrantyMonths: null, notes: null, customFields: {}, ...fields,
});

describe.each(testBackends())('AssetStore on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let store: AssetStore;

  beforeAll(async () => {
    if (!backend.available) return;
    store = new AssetStore(suite.database.db);
    await store.upsertMany(
      [
        asset('LT-2', { name: 'lt-2', serial: 'S2', macs: ['00:1b:21:00:00:02', '00:1b:21:00:00:03'], status: 'retired', purchaseCost: 1800, customFields: { floor: '3' } }),
        asset('LT-1', { serial: 'S1', smbiosUuid: '4c4c4544-0042-3510-8052-b4c04f4a4e31', assignedUser: 'ann', purchaseDate: '2025-11-23' }),
      ],
      'test',
      new Date(),
    );
  });

  it.skipIf(!backend.available)('reads what reconciliation needs, in tag order, as the full listing has it', async () => {
    const identities = await store.identities();
    expect(identities).toEqual([
      { assetTag: 'LT-1', name: null, serial: 'S1', smbiosUuid: '4c4c4544-0042-3510-8052-b4c04f4a4e31', macs: [], status: 'deployed' },
      { assetTag: 'LT-2', name: 'lt-2', serial: 'S2', smbiosUuid: null, macs: ['00:1b:21:00:00:02', '00:1b:21:00:00:03'], status: 'retired' },
    ]);
    const full = await store.list();
    expect(identities).toEqual(full.map(({ assetTag, name, serial, smbiosUuid, macs, status }) => ({ assetTag, name, serial, smbiosUuid, macs, status })));
  });
});
