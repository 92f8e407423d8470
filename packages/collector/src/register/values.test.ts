import { describe, expect, it } from 'vitest';
import { parseMacList, parsePurchaseCost, parsePurchaseDate, parseUuid, parseWarrantyMonths } from './values.ts';

const A = '00:11:32:9c:4e:17';
const B = 'b8:27:eb:4a:7c:21';
const C = '3c:2a:f4:5b:11:c8';

describe('parseMacList', () => {
  it.each([
    ['00:11:32:9C:4E:17', [A]],
    ['00-11-32-9C-4E-17', [A]],
    ['0011.329c.4e17', [A]],
    ['0011329C4E17', [A]],
    ['0:11:32:9c:4e:17', [A]],
    ['00 11 32 9c 4e 17', [A]],
    [`${A},${B}`, [A, B]],
    [`${A}, ${B}`, [A, B]],
    [`${A};${B}`, [A, B]],
    [`${A}; ${B} ;${C}`, [A, B, C]],
    [`${A} ${B}`, [A, B]],
    [`${A}\n${B}`, [A, B]],
    ['00-11-32-9C-4E-17 B827.EB4A.7C21,3C2AF45B11C8', [A, B, C]],
    ['00 11 32 9c 4e 17 b8:27:eb:4a:7c:21', [A, B]],
    ['b8:27:eb:4a:7c:21 00 11 32 9c 4e 17', [B, A]],
    [`${B}, ${A}, B8-27-EB-4A-7C-21`, [B, A]], // de-duplicated, first occurrence keeps its place
    [' ; , ', []],
  ])('%j → %j', (cell, macs) => {
    expect(parseMacList(cell)).toEqual({ ok: true, value: macs });
  });

  it.each([
    ['not-a-mac', 'not-a-mac'],
    [`${A}, xyz`, 'xyz'],
    ['00:11:32:9c:4e', '00:11:32:9c:4e'],
    ['00 11 32 9c 4e', '00'],
    [`${A};00:11:32:9c:4e:17:ff`, '00:11:32:9c:4e:17:ff'],
  ])('%j is invalid because of %j', (cell, token) => {
    expect(parseMacList(cell)).toEqual({ ok: false, reason: `invalid MAC "${token}"` });
  });
});

describe('parseUuid', () => {
  it('lower-cases and accepts braces and missing hyphens', () => {
    expect(parseUuid('{4C4C4544-0042-3510-8052-B4C04F564E32}')).toEqual({ ok: true, value: '4c4c4544-0042-3510-8052-b4c04f564e32' });
    expect(parseUuid('4C4C4544004235108052B4C04F564E32')).toEqual({ ok: true, value: '4c4c4544-0042-3510-8052-b4c04f564e32' });
  });

  it('rejects what is not a UUID', () => {
    expect(parseUuid('Not Settable')).toEqual({ ok: false, reason: 'invalid UUID "Not Settable"' });
    expect(parseUuid('4c4c4544-0042-3510-8052')).toEqual({ ok: false, reason: 'invalid UUID "4c4c4544-0042-3510-8052"' });
  });
});

describe('parsePurchaseDate', () => {
  it.each([
    ['2023-05-10', '2023-05-10'],
    ['2023-5-1', '2023-05-01'],
    ['2023/05/10', '2023-05-10'],
    ['2023-05-10 14:03:22', '2023-05-10'],
    ['2023-05-10T14:03:22Z', '2023-05-10'],
    ['2023-05-10T14:03:22.123Z', '2023-05-10'],
    ['2023-05-10T23:30:00-05:00', '2023-05-10'], // the calendar day as written, not converted to UTC
    ['2023-05-10T14:03', '2023-05-10'],
    ['2024-02-29', '2024-02-29'],
  ])('%j → %s', (cell, date) => {
    expect(parsePurchaseDate(cell)).toEqual({ ok: true, value: date });
  });

  it.each(['05/10/2023', '10.05.2023', '2023-02-30', '2023-02-29', '2023-13-01', '2023-00-10', '2023-05-10 25:00:00', '2023-05', 'yesterday', '2023-05/10', '20230510'])(
    'rejects %j',
    (cell) => {
      expect(parsePurchaseDate(cell)).toEqual({ ok: false, reason: `unparseable purchase date "${cell}" (use YYYY-MM-DD)` });
    },
  );

  it.each(['0000-01-01', '0099-12-31', '1899-12-31'])('names the range for %j', (cell) => {
    expect(parsePurchaseDate(cell)).toEqual({ ok: false, reason: `purchase date "${cell}" is out of range: expected 1900-01-01 to 9999-12-31` });
  });
});

describe('parsePurchaseCost', () => {
  it.each([
    ['1299', 1299],
    ['1299.5', 1299.5],
    ['0', 0],
    ['1,299', 1299],
    ['1,299.00', 1299],
    ['12,345,678.90', 12345678.9],
    ['$1,299.00', 1299],
    ['$ 1299', 1299],
    ['1299 €', 1299],
    ['€1299.99', 1299.99],
    ['£15', 15],
    ['1299.5 EUR', 1299.5],
    ['1299.5EUR', 1299.5],
    ['USD 1,299.00', 1299],
    ['1299,50', 1299.5],
    ['12,5', 12.5],
  ])('%j → %d', (cell, cost) => {
    expect(parsePurchaseCost(cell)).toEqual({ ok: true, value: cost });
  });

  it.each(['1.299,00', '1,29,900', '12,3456', '1 299', 'free', 'EUR', '$', '1299.5 EURO', '1e3', '0x10', '1.2.3'])('rejects %j', (cell) => {
    expect(parsePurchaseCost(cell)).toEqual({ ok: false, reason: `unparseable purchase cost "${cell}" (use a plain number like 1299.00)` });
  });

  it.each(['-5', '-$5', '$-5', '(1,299.00)', 'EUR -12.50'])('rejects the negative %j', (cell) => {
    expect(parsePurchaseCost(cell)).toEqual({ ok: false, reason: `negative purchase cost "${cell}"` });
  });

  it('takes what the register column holds, and names the range beyond', () => {
    expect(parsePurchaseCost('999,999,999,999.99')).toEqual({ ok: true, value: 999_999_999_999.99 });
    expect(parsePurchaseCost('1000000000000')).toEqual({ ok: false, reason: 'purchase cost "1000000000000" is out of range: expected 0 to 999999999999.99' });
    expect(parsePurchaseCost('9'.repeat(400))).toEqual({ ok: false, reason: `unparseable purchase cost "${'9'.repeat(400)}" (use a plain number like 1299.00)` }); // Infinity
  });
});

describe('parseWarrantyMonths', () => {
  it.each([
    ['36', 36],
    ['36 months', 36],
    ['36 Months', 36],
    ['1 month', 1],
    ['24mo', 24],
    ['12 m', 12],
    ['0', 0],
    ['3 years', 36],
    ['1 year', 12],
    ['2y', 24],
  ])('%j → %d', (cell, months) => {
    expect(parseWarrantyMonths(cell)).toEqual({ ok: true, value: months });
  });

  it.each(['three years', '36.5', '-12', '36 weeks', 'lifetime', '2023-05-10'])('rejects %j', (cell) => {
    expect(parseWarrantyMonths(cell)).toEqual({ ok: false, reason: `unparseable warranty "${cell}" (use a number of months)` });
  });

  it('takes up to 100 years, and names the range beyond', () => {
    expect(parseWarrantyMonths('100 years')).toEqual({ ok: true, value: 1200 });
    expect(parseWarrantyMonths('9999')).toEqual({ ok: false, reason: 'warranty "9999" is out of range: expected 0 to 1200 months' });
    expect(parseWarrantyMonths('101 years')).toEqual({ ok: false, reason: 'warranty "101 years" is out of range: expected 0 to 1200 months' });
  });
});
