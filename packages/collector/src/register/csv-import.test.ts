import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeAsset, type Asset } from '@rollcall/core';
import { RollcallError } from '../errors.ts';
import { detectDelimiter, parseRegisterCsv } from './csv-import.ts';

/** An asset with every field empty, to spell out expectations briefly. */
function asset(fields: Partial<Asset> & Pick<Asset, 'assetTag' | 'status'>, line: number): Asset & { line: number } {
  return { ...makeAsset(fields), line };
}

async function rejection(promise: Promise<unknown>): Promise<RollcallError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RollcallError) return error;
    throw error;
  }
  throw new Error('expected parseRegisterCsv to reject');
}

describe('parseRegisterCsv', () => {
  it('reads a Snipe-IT import file', async () => {
    const csv = [
      'Full Name,Email,Username,Item Name,Category,Model name,Manufacturer,Model Number,Serial number,Asset Tag,Location,Notes,Purchase Date,Purchase Cost,Company,Status,Warranty,Supplier,MAC Address',
      'Jane Doe,jane@example.com,jdoe,LT-0042,Laptops,Latitude 7440,Dell,N001,7X4K2Y3,A-0042,HQ Floor 2,,2023-05-10,"1,299.00",Example Corp,Ready to Deploy,36,CDW,3C-9C-0F-12-34-56',
      ',,,PR-01,Printers,HL-L2350DW,Brother,,E12345B6N,A-0043,HQ Floor 1,Toner low,2022/11/03,$189.99,,Ready to Deploy,12 months,,3C2AF45B11C8',
      ',, bsmith ,LT-0050 , Laptops,,,,,  A-0050  ,,,,,,Pending,,,',
    ].join('\n');
    const result = await parseRegisterCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.assets).toEqual([
      asset(
        {
          assetTag: 'A-0042',
          name: 'LT-0042',
          serial: '7X4K2Y3',
          macs: ['3c:9c:0f:12:34:56'],
          manufacturer: 'Dell',
          model: 'Latitude 7440',
          category: 'Laptops',
          status: 'deployed', // Ready to Deploy, but checked out to Jane
          assignedUser: 'Jane Doe',
          location: 'HQ Floor 2',
          purchaseDate: '2023-05-10',
          purchaseCost: 1299,
          supplier: 'CDW',
          warrantyMonths: 36,
          customFields: { Email: 'jane@example.com', 'Model Number': 'N001', Company: 'Example Corp' },
        },
        2,
      ),
      asset(
        {
          assetTag: 'A-0043',
          name: 'PR-01',
          serial: 'E12345B6N',
          macs: ['3c:2a:f4:5b:11:c8'],
          manufacturer: 'Brother',
          model: 'HL-L2350DW',
          category: 'Printers',
          status: 'in_stock',
          location: 'HQ Floor 1',
          purchaseDate: '2022-11-03',
          purchaseCost: 189.99,
          warrantyMonths: 12,
          notes: 'Toner low',
        },
        3,
      ),
      // Values are trimmed; an empty Full Name falls back to Username.
      asset({ assetTag: 'A-0050', name: 'LT-0050', category: 'Laptops', status: 'ordered', assignedUser: 'bsmith' }, 4),
    ]);
    expect(result.columns).toEqual({
      assetTag: 'Asset Tag',
      name: 'Item Name',
      serial: 'Serial number',
      macs: 'MAC Address',
      manufacturer: 'Manufacturer',
      model: 'Model name',
      category: 'Category',
      status: 'Status',
      assignedUser: 'Full Name, Username',
      location: 'Location',
      purchaseDate: 'Purchase Date',
      purchaseCost: 'Purchase Cost',
      supplier: 'Supplier',
      warrantyMonths: 'Warranty',
      notes: 'Notes',
    });
    expect(result.unknownColumns).toEqual(['Email', 'Model Number', 'Company']);
  });

  it('reads semicolon-separated files with a BOM and CRLF line ends', async () => {
    const csv = '\uFEFFAsset Tag;Status;Purchase Cost;Notes;Kostenstelle\r\nA-1;In Stock;1299,50;"a; b";4711\r\nA-2;Lost/Stolen;;;\r\n';
    const result = await parseRegisterCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.columns.assetTag).toBe('Asset Tag'); // the BOM is not part of the first header
    expect(result.assets).toEqual([
      asset({ assetTag: 'A-1', status: 'in_stock', purchaseCost: 1299.5, notes: 'a; b', customFields: { Kostenstelle: '4711' } }, 2),
      asset({ assetTag: 'A-2', status: 'lost' }, 3),
    ]);
  });

  it('reads tab-separated files', async () => {
    const result = await parseRegisterCsv('Asset Tag\tStatus\tNotes\nA-1\tdeployed\tsee, also; this\n');
    expect(result.assets).toEqual([asset({ assetTag: 'A-1', status: 'deployed', notes: 'see, also; this' }, 2)]);
  });

  it('reports the first physical line of records that span lines', async () => {
    const lines = [
      'Asset Tag,Status,Notes', // 1
      'A-1,deployed,"first line', // 2
      'second, with comma', // 3
      '""quoted"" third"', // 4
      'A-2,deployed,plain', // 5
      '', // 6
      'A-3,bogus,"multi', // 7
      'line"', // 8
      'A-4,in_stock,', // 9
      'A-5,deployed,"two', // 10: one field too many
      'lines",extra', // 11
      'A-6,deployed,last', // 12
    ];
    for (const newline of ['\n', '\r\n']) {
      const result = await parseRegisterCsv(lines.join(newline));
      expect(result.assets).toEqual([
        asset({ assetTag: 'A-1', status: 'deployed', notes: 'first line\nsecond, with comma\n"quoted" third' }, 2),
        asset({ assetTag: 'A-2', status: 'deployed', notes: 'plain' }, 5),
        asset({ assetTag: 'A-4', status: 'in_stock' }, 9),
        asset({ assetTag: 'A-6', status: 'deployed', notes: 'last' }, 12),
      ]);
      expect(result.errors.map(({ line, assetTag }) => [line, assetTag])).toEqual([
        [7, 'A-3'],
        [10, 'A-5'],
      ]);
    }
  });

  it('reports each bad row with its line and reason', async () => {
    const csv = [
      'Asset Tag,Status,Purchase Date,Purchase Cost,Warranty,MAC Address,UUID,Full Name', // 1
      ',deployed,,,,,,', // 2
      'A-2,Borrowed,,,,,,', // 3
      'A-3,deployed,05/10/2023,,,,,', // 4
      'A-4,deployed,,"1.299,00",,,,', // 5
      'A-5,deployed,,,forever,,,', // 6
      'A-6,deployed,,,,"00:11:32:9c:4e:17, xyz",,', // 7
      'A-7,deployed,,,,,not-a-uuid,', // 8
      'A-8,deployed,,,,,', // 9: 7 fields
      'A-9,deployed,,-5,,,,', // 10
      'A-10,,,,,,,', // 11
      'A-11,Ready to Deploy,2023-02-30,free,,zz,,', // 12
      'A-12,deployed,,,,,,,', // 13: 9 fields
      'A-13,deployed,,,,,,', // 14: fine
    ].join('\n');
    const result = await parseRegisterCsv(csv);
    expect(result.errors).toEqual([
      { line: 2, assetTag: null, reason: 'no asset tag' },
      {
        line: 3,
        assetTag: 'A-2',
        reason: 'unknown status "Borrowed" (map it with --status-map LABEL=STATUS, e.g. --status-map "Borrowed=in_stock")',
      },
      { line: 4, assetTag: 'A-3', reason: 'unparseable purchase date "05/10/2023" (use YYYY-MM-DD)' },
      { line: 5, assetTag: 'A-4', reason: 'unparseable purchase cost "1.299,00" (use a plain number like 1299.00)' },
      { line: 6, assetTag: 'A-5', reason: 'unparseable warranty "forever" (use a number of months)' },
      { line: 7, assetTag: 'A-6', reason: 'invalid MAC "xyz"' },
      { line: 8, assetTag: 'A-7', reason: 'invalid UUID "not-a-uuid"' },
      { line: 9, assetTag: 'A-8', reason: 'wrong number of fields: 7, the header has 8' },
      { line: 10, assetTag: 'A-9', reason: 'negative purchase cost "-5"' },
      { line: 11, assetTag: 'A-10', reason: 'no status' },
      {
        line: 12,
        assetTag: 'A-11',
        reason:
          'invalid MAC "zz"; unparseable purchase date "2023-02-30" (use YYYY-MM-DD); unparseable purchase cost "free" (use a plain number like 1299.00)',
      },
      { line: 13, assetTag: 'A-12', reason: 'wrong number of fields: 9, the header has 8' },
    ]);
    expect(result.assets.map(({ assetTag, line }) => [assetTag, line])).toEqual([['A-13', 14]]);
  });

  it('rejects the second occurrence of an asset tag, naming the first line', async () => {
    const csv = ['Asset Tag,Status', 'A-1,deployed', 'A-2,deployed', 'A-1,in_stock', ' A-1 ,retired', 'A-3,bogus', 'A-3,deployed'].join('\n');
    const result = await parseRegisterCsv(csv);
    expect(result.assets.map(({ assetTag, status, line }) => [assetTag, status, line])).toEqual([
      ['A-1', 'deployed', 2],
      ['A-2', 'deployed', 3],
    ]);
    expect(result.errors).toEqual([
      { line: 4, assetTag: 'A-1', reason: 'duplicate asset tag "A-1" (first on line 2)' },
      { line: 5, assetTag: 'A-1', reason: 'duplicate asset tag "A-1" (first on line 2)' },
      { line: 6, assetTag: 'A-3', reason: expect.stringContaining('unknown status "bogus"') },
      { line: 7, assetTag: 'A-3', reason: 'duplicate asset tag "A-3" (first on line 6)' },
    ]);
  });

  it('applies --status-map', async () => {
    const csv = ['Asset Tag,Status,Full Name', 'A-1,On Loan,', 'A-2,Ready to Deploy,Jane Doe', 'A-3,Deployed,'].join('\n');
    const result = await parseRegisterCsv(csv, { statusMap: { 'on loan': 'deployed', 'Ready to Deploy': 'in_stock' } });
    expect(result.errors).toEqual([]);
    expect(result.assets.map(({ status }) => status)).toEqual(['deployed', 'in_stock', 'deployed']);
  });

  it('uses fieldMap over the header synonyms', async () => {
    const csv = ['Inventory No,Asset Tag,State,Hostname', 'INV-1,old-1,deployed,lt-1'].join('\n');
    const result = await parseRegisterCsv(csv, { fieldMap: { assetTag: 'inventory no', status: 'STATE' } });
    expect(result.assets).toEqual([asset({ assetTag: 'INV-1', status: 'deployed', name: 'lt-1', customFields: { 'Asset Tag': 'old-1' } }, 2)]);
    expect(result.columns).toEqual({ assetTag: 'Inventory No', status: 'State', name: 'Hostname' });
    expect(result.unknownColumns).toEqual(['Asset Tag']);
  });

  it('rejects a bad fieldMap and files without an asset tag or status column', async () => {
    const csv = 'Inventory No,State\nINV-1,deployed\n';
    const unknownField = await rejection(parseRegisterCsv(csv, { fieldMap: { inventory: 'Inventory No' } }));
    expect(unknownField.code).toBe('BAD_INPUT');
    expect(unknownField.message).toMatch(/unknown field "inventory"; fields are: assetTag, name, serial, /);

    const missingColumn = await rejection(parseRegisterCsv(csv, { fieldMap: { assetTag: 'Tag Number', status: 'State' } }));
    expect(missingColumn.message).toBe('--map assetTag=Tag Number: the file has no column "Tag Number"; its columns are: "Inventory No", "State"');

    const noTag = await rejection(parseRegisterCsv(csv));
    expect(noTag.code).toBe('BAD_INPUT');
    expect(noTag.message).toMatch(/^no assetTag column: .*the file's columns are: "Inventory No", "State"\. Name the column with --map assetTag=COLUMN$/);

    const noStatus = await rejection(parseRegisterCsv(csv, { fieldMap: { assetTag: 'Inventory No' } }));
    expect(noStatus.message).toMatch(/^no status column: .*--map status=COLUMN$/);
  });

  it('merges all MAC columns and every separator', async () => {
    const csv = [
      'Asset Tag,Status,WiFi MAC,MAC Address,Ethernet MAC',
      'A-1,deployed,B8:27:EB:4A:7C:21,"00-11-32-9C-4E-17; 3c2a.f45b.11c8","00:11:32:9c:4e:17 da:a1:19:6e:02:4b"',
      'A-2,deployed,,,',
    ].join('\n');
    const result = await parseRegisterCsv(csv);
    expect(result.columns.macs).toBe('MAC Address, Ethernet MAC, WiFi MAC');
    expect(result.assets.map(({ macs }) => macs)).toEqual([
      ['00:11:32:9c:4e:17', '3c:2a:f4:5b:11:c8', 'da:a1:19:6e:02:4b', 'b8:27:eb:4a:7c:21'],
      [],
    ]);
  });

  it('prefers Full Name over Username and falls back when it is empty', async () => {
    const csv = ['Username,Asset Tag,Status,Full Name', 'jdoe,A-1,deployed,Jane Doe', 'bsmith,A-2,deployed,', ',A-3,deployed,'].join('\n');
    const result = await parseRegisterCsv(csv);
    expect(result.assets.map(({ assignedUser }) => assignedUser)).toEqual(['Jane Doe', 'bsmith', null]);
  });

  it('reads time zones in their canonical spelling and names an unknown one', async () => {
    const csv = ['Asset Tag,Status,TZ', 'A-1,deployed,europe/berlin', 'A-2,deployed,', 'A-3,deployed,Mars/Olympus_Mons'].join('\n');
    const result = await parseRegisterCsv(csv);
    expect(result.assets.map(({ timeZone }) => timeZone)).toEqual(['Europe/Berlin', null]);
    expect(result.errors).toEqual([{ line: 4, assetTag: 'A-3', reason: 'unknown time zone "Mars/Olympus_Mons" (use an IANA name such as Europe/Berlin)' }]);
  });

  it('keeps only non-empty custom values under the original header', async () => {
    const csv = ['Asset Tag,Status,Company,Model Number,  Cost Centre  ', 'A-1,deployed,Example Corp,,  4711 ', 'A-2,deployed,,,'].join('\n');
    const result = await parseRegisterCsv(csv);
    expect(result.assets.map(({ customFields }) => customFields)).toEqual([{ Company: 'Example Corp', 'Cost Centre': '4711' }, {}]);
    expect(result.unknownColumns).toEqual(['Company', 'Model Number', 'Cost Centre']);
  });

  it('keeps quotes inside unquoted cells and ignores spaces around quoted ones', async () => {
    const csv = 'Asset Tag,Status,Name,Notes\nM-1,in_stock,27" monitor,x "y" z\n M-2 , in_stock , "Dock, USB-C" ,"  padded  " \n';
    const result = await parseRegisterCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.assets.map(({ assetTag, name, notes }) => [assetTag, name, notes])).toEqual([
      ['M-1', '27" monitor', 'x "y" z'],
      ['M-2', 'Dock, USB-C', 'padded'],
    ]);
  });

  it('skips blank lines and rows of empty cells without reporting them', async () => {
    const csv = ['Asset Tag;Status;Notes', '', 'A-1;deployed;x', ';;', '   ', ' ; ; ', 'A-2;deployed;y', '', ''].join('\r\n');
    const result = await parseRegisterCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.assets.map(({ assetTag, line }) => [assetTag, line])).toEqual([
      ['A-1', 3],
      ['A-2', 7],
    ]);
  });

  it('reads streams chunked at awkward places the same as a string', async () => {
    const csv = '\uFEFFAsset Tag;Status;Notes;Location\r\nÄ-1;deployed;"Grüße,\r\n日本語";Zürich\r\nÄ-2;bogus;;\r\nÄ-3;in_stock;x;\r\n';
    const bytes = Buffer.from(csv, 'utf8');
    const oneByteChunks = Readable.from(Array.from(bytes, (byte) => Buffer.from([byte])));
    const fromString = await parseRegisterCsv(csv);
    const fromBuffer = await parseRegisterCsv(bytes);
    const fromStream = await parseRegisterCsv(oneByteChunks);
    expect(fromString.assets).toEqual([
      asset({ assetTag: 'Ä-1', status: 'deployed', notes: 'Grüße,\n日本語', location: 'Zürich' }, 2),
      asset({ assetTag: 'Ä-3', status: 'in_stock', notes: 'x' }, 5),
    ]);
    expect(fromString.errors.map(({ line }) => line)).toEqual([4]);
    expect(fromBuffer).toEqual(fromString);
    expect(fromStream).toEqual(fromString);
  });

  it('throws BAD_INPUT with a line number when the quoting is broken', async () => {
    const unclosed = await rejection(parseRegisterCsv('Asset Tag,Status,Notes\nA-1,deployed,ok\nA-2,deployed,"never closed\nA-3,deployed,x\n'));
    expect(unclosed.code).toBe('BAD_INPUT');
    expect(unclosed.message).toMatch(/^line \d+: cannot parse the CSV file: .*quote/);
    expect(unclosed.cause).toBeDefined();

    const junkAfterQuote = await rejection(parseRegisterCsv('Asset Tag,Status,Notes\nA-1,deployed,"quoted"junk\n'));
    expect(junkAfterQuote.code).toBe('BAD_INPUT');
    expect(junkAfterQuote.message).toMatch(/^line 2: cannot parse the CSV file: /);
  });

  it('throws BAD_INPUT for an empty file and accepts a header without rows', async () => {
    const empty = await rejection(parseRegisterCsv(''));
    expect(empty.code).toBe('BAD_INPUT');
    expect(empty.message).toContain('empty');
    expect(await parseRegisterCsv('Asset Tag,Status\n')).toEqual({
      assets: [],
      errors: [],
      columns: { assetTag: 'Asset Tag', status: 'Status' },
      unknownColumns: [],
    });
  });

  it('reports progress at least every 1,000 rows and at the end', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `A-${i},deployed`);
    const progress: number[] = [];
    await parseRegisterCsv(['Asset Tag,Status', ...rows].join('\n'), { onProgress: (rowsRead) => progress.push(rowsRead) });
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('reads 100,000 rows streamed in 64 KiB chunks, with their line numbers', { timeout: 60_000 }, async () => {
    const header = 'Asset Tag,Asset Name,Serial Number,MAC Address,Manufacturer,Model Name,Category,Status,Full Name,Location,Purchase Date,Purchase Cost,Warranty,Notes,Company';
    const hex = (n: number) => n.toString(16).padStart(6, '0').replace(/(..)(..)(..)/, '$1:$2:$3');
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `A-${i},host-${i},SN${i},00:11:32:${hex(i)},Dell,Latitude 7440,Laptops,Ready to Deploy,Jane Doe,HQ,2023-05-10,"1,299.00",36,"note, with comma",Example Corp`,
    );
    const result = await parseRegisterCsv(Readable.from([header, ...rows].join('\n').match(/[^]{1,65536}/g)!));
    expect(result.errors).toEqual([]);
    expect(result.assets).toHaveLength(100_000);
    expect(result.assets[99_999]).toMatchObject({ assetTag: 'A-99999', line: 100_001, macs: ['00:11:32:01:86:9f'], status: 'deployed' });
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Asset Tag,Status,Notes', ','],
    ['Asset Tag;Status;Notes', ';'],
    ['Asset Tag\tStatus\tNotes', '\t'],
    ['"Tag; Number",Status', ','],
    ['"Tag, Number";Status;Notes', ';'],
    ['Asset Tag', ','],
  ])('%j → %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});
