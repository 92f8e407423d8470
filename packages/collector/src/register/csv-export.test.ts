import { describe, expect, it } from 'vitest';
import { makeAsset, type Asset } from '@rollcall/core';
import { parseRegisterCsv } from './csv-import.ts';
import { registerToCsv, registerToJson } from './csv-export.ts';


const tricky: Asset[] = [
  {
    assetTag: 'A-0042',
    name: 'LT-0042',
    serial: '7X4K2Y3',
    smbiosUuid: '4c4c4544-0042-3510-8052-b4c04f564e32',
    macs: ['3c:9c:0f:12:34:56', 'da:a1:19:6e:02:4b', '00:11:32:9c:4e:17'],
    manufacturer: 'Dell Inc.',
    model: 'Latitude 7440',
    category: 'Laptops',
    status: 'deployed',
    assignedUser: 'Zoë Müller-Łukasiewicz',
    department: 'R&D; Prototypes',
    location: 'Zürich, Floor 2',
    timeZone: 'Europe/Zurich',
    purchaseDate: '2023-05-10',
    purchaseCost: 1299.5,
    supplier: 'CDW "Direct"',
    orderNumber: 'PO-2023/0815',
    warrantyMonths: 36,
    notes: 'Screen replaced, twice.\nSays "works fine"\n\n— 日本語 ✓',
    customFields: { Company: 'Example Corp', 'Cost Centre': '4711', Email: 'zoe@example.com' },
  },
  makeAsset({ assetTag: 'A-0043', status: 'in_stock', assignedUser: 'Jane Doe', purchaseCost: 0, customFields: { Zeta: 'a;b;c' } }),
  makeAsset({ assetTag: 'Ä-1', status: 'in_repair', name: '27" monitor', notes: '"quoted at both ends"' }),
  makeAsset({ assetTag: 'A-0044', status: 'disposed', macs: ['b8:27:eb:4a:7c:21'], warrantyMonths: 0 }),
];

// Values a spreadsheet would run as formulas, and values that only look neutralised already.
const hostile: Asset[] = [
  makeAsset({
    assetTag: 'H-1',
    status: 'deployed',
    name: '=HYPERLINK("http://x","y")',
    model: "+cmd|' /C calc'!A0",
    location: '@SUM(1+1)',
    supplier: '-2+3',
    orderNumber: "'=already quoted",
    notes: "''+twice",
    customFields: { '=Header': '=1+1', Balance: '-5', Rate: '-12.50', Quote: "'plain" },
  }),
];

describe('registerToCsv', () => {
  it('writes the Snipe-IT columns, then custom fields sorted', () => {
    const csv = registerToCsv([
      makeAsset({ assetTag: 'A-1', status: 'in_stock', macs: ['00:11:32:9c:4e:17', 'b8:27:eb:4a:7c:21'], purchaseCost: 1299.5, warrantyMonths: 36, customFields: { Zeta: 'z', Company: 'Example, Inc.' } }),
      makeAsset({ assetTag: 'A-2', status: 'deployed', notes: 'two\nlines', customFields: { 'Cost Centre': '4711' } }),
    ]);
    expect(csv).toBe(
      'Asset Tag,Asset Name,Serial Number,UUID,MAC Address,Manufacturer,Model Name,Category,Status,Full Name,Department,Location,Time Zone,' +
        'Purchase Date,Purchase Cost,Supplier,Order Number,Warranty,Notes,Company,Cost Centre,Zeta\n' +
        'A-1,,,,00:11:32:9c:4e:17;b8:27:eb:4a:7c:21,,,,in_stock,,,,,,1299.5,,,36,,"Example, Inc.",,z\n' +
        'A-2,,,,,,,,deployed,,,,,,,,,,"two\nlines",,4711,\n',
    );
  });

  it('writes just the header for an empty register', () => {
    expect(registerToCsv([])).toBe(
      'Asset Tag,Asset Name,Serial Number,UUID,MAC Address,Manufacturer,Model Name,Category,Status,Full Name,Department,Location,Time Zone,Purchase Date,Purchase Cost,Supplier,Order Number,Warranty,Notes\n',
    );
  });

  it('round-trips: export → parseRegisterCsv → export is byte-identical', async () => {
    const exported = registerToCsv(tricky);
    const parsed = await parseRegisterCsv(exported);
    expect(parsed.errors).toEqual([]);
    expect(parsed.unknownColumns).toEqual(['Company', 'Cost Centre', 'Email', 'Zeta']);
    expect(parsed.assets.map(({ line: _line, ...asset }) => asset)).toEqual(tricky);
    expect(parsed.assets.map(({ line }) => line)).toEqual([2, 6, 7, 8]); // the notes of the first span four lines
    expect(registerToCsv(parsed.assets)).toBe(exported);
  });

  it("puts one ' before every cell a spreadsheet would run, headers too, and leaves negative numbers alone", () => {
    const [header, row] = registerToCsv(hostile).split('\n');
    expect(header!.split(',').slice(-4)).toEqual(["'=Header", 'Balance', 'Quote', 'Rate']);
    expect(row).toBe(
      `H-1,"'=HYPERLINK(""http://x"",""y"")",,,,,'+cmd|' /C calc'!A0,,deployed,,,'@SUM(1+1),,,,'-2+3,''=already quoted,,'''+twice,'=1+1,-5,'plain,-12.50`,
    );
  });

  it('round-trips hostile values with ordinary ones: export → parseRegisterCsv → export is byte-identical', async () => {
    const exported = registerToCsv([...tricky, ...hostile]);
    const parsed = await parseRegisterCsv(exported);
    expect(parsed.errors).toEqual([]);
    expect(parsed.assets.map(({ line: _line, ...asset }) => asset)).toEqual([...tricky, ...hostile]);
    expect(registerToCsv(parsed.assets)).toBe(exported);
  });

  it("reads a cell neutralised by another tool (one ' before a formula) as the value it stands for", async () => {
    const parsed = await parseRegisterCsv("Asset Tag,Status,Asset Name,Notes\nA-1,deployed,'=1+1,'plain\n");
    expect(parsed.assets[0]).toMatchObject({ name: '=1+1', notes: "'plain" });
  });

  it('round-trips an empty register', async () => {
    const exported = registerToCsv([]);
    expect(registerToCsv((await parseRegisterCsv(exported)).assets)).toBe(exported);
  });
});

describe('registerToJson', () => {
  it('writes a pretty JSON array of plain assets', async () => {
    const parsed = await parseRegisterCsv(registerToCsv(tricky));
    const json = registerToJson(parsed.assets);
    expect(JSON.parse(json)).toEqual(tricky); // `line` is not part of an Asset
    expect(json.startsWith('[\n  {\n    "assetTag": "A-0042",\n    "name": "LT-0042",')).toBe(true);
    expect(registerToJson([])).toBe('[]\n');
  });
});
