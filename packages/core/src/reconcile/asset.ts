import type { Asset } from './types.ts';

/** A register entry with every optional field empty, then `fields` on top. */
export function makeAsset(fields: Partial<Asset> & Pick<Asset, 'assetTag' | 'status'>): Asset {
  return {
    name: null,
    serial: null,
    smbiosUuid: null,
    macs: [],
    manufacturer: null,
    model: null,
    category: null,
    assignedUser: null,
    department: null,
    location: null,
    timeZone: null,
    purchaseDate: null,
    purchaseCost: null,
    supplier: null,
    orderNumber: null,
    warrantyMonths: null,
    notes: null,
    customFields: {},
    ...fields,
  };
}
