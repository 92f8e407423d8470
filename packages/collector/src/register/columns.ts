import { RollcallError } from '../errors.ts';
import { FLAGS, type Spelling } from '../spelling.ts';

/** The register fields a CSV column can fill; the names `--map FIELD=COLUMN` accepts. */
export const REGISTER_FIELDS = [
  'assetTag',
  'name',
  'serial',
  'smbiosUuid',
  'macs',
  'manufacturer',
  'model',
  'category',
  'status',
  'assignedUser',
  'department',
  'location',
  'timeZone',
  'purchaseDate',
  'purchaseCost',
  'supplier',
  'orderNumber',
  'warrantyMonths',
  'notes',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/**
 * Header names each field is read from, most preferred first (Snipe-IT's own names lead). When a
 * file has several of them, a row's value comes from the first non-empty one; MACs merge them all.
 * Written the way people write them; compared by headerKey.
 */
const HEADER_SYNONYMS: Record<RegisterField, string[]> = {
  assetTag: ['Asset Tag', 'Tag', 'Asset', 'Asset Number', 'Asset No'],
  name: ['Item Name', 'Asset Name', 'Name', 'Hostname', 'Computer Name'],
  serial: ['Serial Number', 'Serial', 'Serial No', 'S/N', 'SN', 'Serialnumber'],
  smbiosUuid: ['UUID', 'System UUID', 'SMBIOS UUID', 'Hardware UUID'],
  macs: ['MAC Address', 'MAC', 'MAC Addresses', 'MACs', 'Ethernet MAC', 'WiFi MAC'],
  manufacturer: ['Manufacturer', 'Vendor', 'Make'],
  model: ['Model Name', 'Model'],
  category: ['Category'],
  status: ['Status', 'Status Label'],
  // A display name beats a login name, so Full Name wins over Username.
  assignedUser: ['Full Name', 'Assigned To', 'Checked Out To', 'Username', 'User'],
  department: ['Department'],
  location: ['Location'],
  timeZone: ['Time Zone', 'Timezone', 'TZ', 'IANA Time Zone'],
  purchaseDate: ['Purchase Date'],
  purchaseCost: ['Purchase Cost', 'Cost', 'Price'],
  supplier: ['Supplier'],
  orderNumber: ['Order Number', 'Order No', 'PO Number', 'PO No', 'PO', 'Purchase Order'],
  warrantyMonths: ['Warranty', 'Warranty (months)', 'Warranty Months'],
  notes: ['Notes'],
};

/** Case, spaces and punctuation do not matter: `Serial No.` and `serial_no` → `serialno`. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Which cell indexes feed which field, and which columns are kept as custom fields. */
export interface ColumnPlan {
  fields: Map<RegisterField, number[]>;
  custom: Array<{ index: number; header: string }>;
  /** field → the header(s) used, for telling the user what was read from where. */
  columns: Record<string, string>;
  unknownColumns: string[];
}

function isRegisterField(name: string): name is RegisterField {
  return (REGISTER_FIELDS as readonly string[]).includes(name);
}

/** Assigns the file's columns to register fields: `fieldMap` first, then the synonyms. */
export function planColumns(rawHeaders: string[], fieldMap: Record<string, string> = {}, spell: Spelling = FLAGS): ColumnPlan {
  const headers = rawHeaders.map((header) => header.trim());
  const keys = headers.map(headerKey);
  const claimed = new Set<number>();
  const fields = new Map<RegisterField, number[]>();
  const listed = () => headers.filter((header) => header !== '').map((header) => JSON.stringify(header)).join(', ');

  for (const [field, column] of Object.entries(fieldMap)) {
    if (!isRegisterField(field)) {
      throw new RollcallError('BAD_INPUT', `${spell('map')} ${field}=${column}: unknown field "${field}"; fields are: ${REGISTER_FIELDS.join(', ')}`);
    }
    const wanted = headerKey(column);
    const indexes = keys.flatMap((key, index) => (key === wanted && wanted !== '' ? [index] : []));
    if (indexes.length === 0) {
      throw new RollcallError('BAD_INPUT', `${spell('map')} ${field}=${column}: the file has no column "${column}"; its columns are: ${listed()}`);
    }
    indexes.forEach((index) => claimed.add(index));
    fields.set(field, indexes);
  }

  for (const field of REGISTER_FIELDS) {
    if (fields.has(field)) continue;
    const indexes: number[] = [];
    for (const synonym of HEADER_SYNONYMS[field]) {
      const wanted = headerKey(synonym);
      keys.forEach((key, index) => {
        if (key === wanted && !claimed.has(index)) {
          claimed.add(index);
          indexes.push(index);
        }
      });
    }
    if (indexes.length > 0) fields.set(field, indexes);
  }

  for (const [field, flag] of [['assetTag', 'assetTag'], ['status', 'status']] as const) {
    if (!fields.has(field)) {
      throw new RollcallError(
        'BAD_INPUT',
        `no ${field} column: expected one of ${HEADER_SYNONYMS[field].map((name) => `"${name}"`).join(', ')}; ` +
          `the file's columns are: ${listed()}. Name the column with ${spell('map')} ${flag}=COLUMN`,
      );
    }
  }

  // Columns with an empty header (a trailing delimiter in the header line) carry nothing.
  const custom = headers.flatMap((header, index) => (claimed.has(index) || header === '' ? [] : [{ index, header }]));
  const columns: Record<string, string> = {};
  for (const [field, indexes] of fields) columns[field] = indexes.map((index) => headers[index]!).join(', ');
  return { fields, custom, columns, unknownColumns: custom.map(({ header }) => header) };
}
