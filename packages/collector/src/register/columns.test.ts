import { describe, expect, it } from 'vitest';
import { RollcallError } from '../errors.ts';
import { REGISTER_FIELDS, planColumns } from './columns.ts';

/** The field a single extra column is read as, next to the two required ones. */
function fieldOf(header: string): string | undefined {
  const plan = planColumns(['Asset Tag', 'Status', header]);
  return [...plan.fields].find(([, indexes]) => indexes.includes(2))?.[0];
}

// Written out by hand (not taken from columns.ts) so that a dropped synonym fails here.
const SYNONYMS: Array<[field: string, headers: string[]]> = [
  ['name', ['Item Name', 'Asset Name', 'Name', 'Hostname', 'Computer Name', 'host name', 'COMPUTER_NAME']],
  ['serial', ['Serial Number', 'Serial', 'Serial No.', 'S/N', 'SN', 'Serialnumber', 'serial_number', 'Serial #']],
  ['smbiosUuid', ['UUID', 'System UUID', 'SMBIOS UUID', 'Hardware UUID', 'system-uuid']],
  ['macs', ['MAC Address', 'MAC', 'MAC Addresses', 'MACs', 'Ethernet MAC', 'WiFi MAC', 'Wi-Fi MAC', 'mac_address']],
  ['manufacturer', ['Manufacturer', 'Vendor', 'Make']],
  ['model', ['Model Name', 'Model', 'model_name']],
  ['category', ['Category']],
  ['assignedUser', ['Full Name', 'Username', 'Assigned To', 'Checked Out To', 'User', 'checked_out_to']],
  ['department', ['Department']],
  ['location', ['Location']],
  ['purchaseDate', ['Purchase Date', 'purchase_date']],
  ['purchaseCost', ['Purchase Cost', 'Cost', 'Price']],
  ['supplier', ['Supplier']],
  ['orderNumber', ['Order Number', 'Order No', 'Order No.', 'PO Number', 'PO #', 'PO No', 'Purchase Order']],
  ['warrantyMonths', ['Warranty', 'Warranty (months)', 'Warranty Months', 'warranty_months']],
  ['notes', ['Notes']],
];

describe('planColumns', () => {
  it.each(SYNONYMS)('reads %s from each of its header names', (field, headers) => {
    for (const header of headers) {
      expect(fieldOf(header), header).toBe(field);
      expect(fieldOf(header.toUpperCase()), header.toUpperCase()).toBe(field);
      expect(fieldOf(` ${header.toLowerCase()} `), header.toLowerCase()).toBe(field);
    }
  });

  it.each(['Asset Tag', 'Tag', 'Asset', 'Asset Number', 'Asset No', 'asset_tag', 'ASSET-TAG', 'Asset #', 'Asset No.'])(
    'finds the asset tag in %j',
    (header) => {
      expect(planColumns([header, 'Status']).columns.assetTag).toBe(header.trim());
    },
  );

  it.each(['Status', 'Status Label', 'status_label', 'STATUS'])('finds the status in %j', (header) => {
    expect(planColumns(['Asset Tag', header]).columns.status).toBe(header);
  });

  it('keeps every other column as a custom field', () => {
    const plan = planColumns(['Asset Tag', 'Company', 'Status', 'Model Number', 'Email', 'Model', '']);
    expect(plan.unknownColumns).toEqual(['Company', 'Model Number', 'Email']);
    expect(plan.custom).toEqual([
      { index: 1, header: 'Company' },
      { index: 3, header: 'Model Number' },
      { index: 4, header: 'Email' },
    ]);
    expect(plan.columns).toEqual({ assetTag: 'Asset Tag', status: 'Status', model: 'Model' });
  });

  it('lists several columns of one field in preference order', () => {
    const plan = planColumns(['Username', 'Asset Tag', 'WiFi MAC', 'Status', 'Full Name', 'MAC Address']);
    expect(plan.fields.get('assignedUser')).toEqual([4, 0]);
    expect(plan.fields.get('macs')).toEqual([5, 2]);
    expect(plan.columns.assignedUser).toBe('Full Name, Username');
    expect(plan.columns.macs).toBe('MAC Address, WiFi MAC');
  });

  it('lets fieldMap override the synonyms', () => {
    const plan = planColumns(['Asset Tag', 'Inventory No', 'Status', 'Hostname', 'Display Name'], { assetTag: 'inventory_no', name: 'Display Name' });
    expect(plan.columns).toEqual({ assetTag: 'Inventory No', name: 'Display Name', status: 'Status' });
    // The columns the synonyms would have used are now just custom fields.
    expect(plan.unknownColumns).toEqual(['Asset Tag', 'Hostname']);
  });

  it('rejects an unknown fieldMap field, listing the valid ones', () => {
    const error = catchError(() => planColumns(['Asset Tag', 'Status'], { tag: 'Asset Tag' }));
    expect(error).toBeInstanceOf(RollcallError);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain('unknown field "tag"');
    expect(error.message).toContain(REGISTER_FIELDS.join(', '));
  });

  it('rejects a fieldMap column the file does not have, listing its headers', () => {
    const error = catchError(() => planColumns(['Asset Tag', 'Status', 'Serial'], { serial: 'Seriennummer' }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('--map serial=Seriennummer: the file has no column "Seriennummer"; its columns are: "Asset Tag", "Status", "Serial"');
  });

  it('requires an asset tag column and suggests --map', () => {
    const error = catchError(() => planColumns(['Inventory No', 'Status', 'Serial']));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain('no assetTag column');
    expect(error.message).toContain('"Inventory No", "Status", "Serial"');
    expect(error.message).toContain('--map assetTag=COLUMN');
  });

  it('requires a status column and suggests --map', () => {
    const error = catchError(() => planColumns(['Asset Tag', 'State']));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toContain('no status column');
    expect(error.message).toContain('"Asset Tag", "State"');
    expect(error.message).toContain('--map status=COLUMN');
  });

  it('claims no header for two fields', () => {
    const headers = [...SYNONYMS.flatMap(([, names]) => names), 'Asset Tag', 'Status'];
    const plan = planColumns(headers);
    const claims = [...plan.fields.values()].flat();
    expect(new Set(claims).size).toBe(claims.length);
    expect(plan.unknownColumns).toEqual([]);
  });
});

function catchError(run: () => unknown): RollcallError {
  try {
    run();
  } catch (error) {
    if (error instanceof RollcallError) return error;
    throw error;
  }
  throw new Error('expected a RollcallError');
}
