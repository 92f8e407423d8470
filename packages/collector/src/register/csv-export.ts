import type { Asset } from '@rollcall/core';
import { csvRows } from '../csv.ts';

type Cell = (asset: Asset) => string | number | null;

// Snipe-IT's header names, so the file goes straight back into Snipe-IT or parseRegisterCsv.
const STANDARD_COLUMNS: Array<[header: string, cell: Cell]> = [
  ['Asset Tag', (asset) => asset.assetTag],
  ['Asset Name', (asset) => asset.name],
  ['Serial Number', (asset) => asset.serial],
  ['UUID', (asset) => asset.smbiosUuid],
  ['MAC Address', (asset) => asset.macs.join(';')],
  ['Manufacturer', (asset) => asset.manufacturer],
  ['Model Name', (asset) => asset.model],
  ['Category', (asset) => asset.category],
  ['Status', (asset) => asset.status], // our canonical name; parseRegisterCsv reads it back as is
  ['Full Name', (asset) => asset.assignedUser],
  ['Department', (asset) => asset.department],
  ['Location', (asset) => asset.location],
  ['Time Zone', (asset) => asset.timeZone],
  ['Purchase Date', (asset) => asset.purchaseDate],
  ['Purchase Cost', (asset) => asset.purchaseCost],
  ['Supplier', (asset) => asset.supplier],
  ['Order Number', (asset) => asset.orderNumber],
  ['Warranty', (asset) => (asset.warrantyMonths === null ? null : Math.round(asset.warrantyMonths))],
  ['Notes', (asset) => asset.notes],
];

/**
 * The register as CSV: the standard columns, then one column per custom field (sorted). Cells that
 * a spreadsheet would run as a formula get a leading `'` (csvRows), which parseRegisterCsv takes
 * off again: for assets read by parseRegisterCsv, exporting, re-reading and exporting again gives
 * the same bytes.
 */
export function registerToCsv(assets: Asset[]): string {
  const customKeys = [...new Set(assets.flatMap((asset) => Object.keys(asset.customFields)))].sort();
  const header = [...STANDARD_COLUMNS.map(([name]) => name), ...customKeys];
  const rows = assets.map((asset) => [
    ...STANDARD_COLUMNS.map(([, cell]) => text(cell(asset))),
    ...customKeys.map((key) => (Object.hasOwn(asset.customFields, key) ? asset.customFields[key]! : '')),
  ]);
  return csvRows([header, ...rows]);
}

function text(value: string | number | null): string {
  return value === null ? '' : String(value);
}

/** The register as a pretty-printed JSON array of assets (extra properties such as `line` dropped). */
export function registerToJson(assets: Asset[]): string {
  return `${JSON.stringify(assets.map(plainAsset), null, 2)}\n`;
}

function plainAsset(asset: Asset): Asset {
  return {
    assetTag: asset.assetTag,
    name: asset.name,
    serial: asset.serial,
    smbiosUuid: asset.smbiosUuid,
    macs: asset.macs,
    manufacturer: asset.manufacturer,
    model: asset.model,
    category: asset.category,
    status: asset.status,
    assignedUser: asset.assignedUser,
    department: asset.department,
    location: asset.location,
    timeZone: asset.timeZone,
    purchaseDate: asset.purchaseDate,
    purchaseCost: asset.purchaseCost,
    supplier: asset.supplier,
    orderNumber: asset.orderNumber,
    warrantyMonths: asset.warrantyMonths,
    notes: asset.notes,
    customFields: asset.customFields,
  };
}
