import { describe, expect, it } from 'vitest';
import { csvRows, neutraliseCsvCell, restoreCsvCell } from './csv.ts';

const HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '＝1+1'];

describe('neutraliseCsvCell', () => {
  it('puts one apostrophe before a cell a spreadsheet would run as a formula', () => {
    for (const cell of HOSTILE) expect(neutraliseCsvCell(cell)).toBe(`'${cell}`);
  });

  it('leaves ordinary cells and negative numbers as they are', () => {
    for (const cell of ['', 'LT-0042', 'a=b', '1+1', "O'Brien", "'quoted'", "'", "''", ' =1', '-5', '-12.50', '0', '1299.5', 'Zoë Müller']) expect(neutraliseCsvCell(cell)).toBe(cell);
  });

  it('adds one more apostrophe to a cell that looks neutralised already, so that the two stay apart', () => {
    expect(neutraliseCsvCell("'=1+1")).toBe("''=1+1");
    expect(neutraliseCsvCell("''-5")).toBe("'''-5");
  });
});

describe('restoreCsvCell', () => {
  it('takes exactly one apostrophe off a neutralised cell, and leaves every other cell alone', () => {
    expect(restoreCsvCell("'=HYPERLINK(\"http://x\",\"y\")")).toBe('=HYPERLINK("http://x","y")');
    expect(restoreCsvCell("''=1+1")).toBe("'=1+1");
    for (const cell of ['', '=1+1', '-5', "'quoted'", "'", "O'Brien", "'a=b"]) expect(restoreCsvCell(cell)).toBe(cell);
  });

  it('undoes neutraliseCsvCell for every cell, and no two cells are written alike', () => {
    const parts = ['', "'", "''", '=', '+', '-', '@', '\t', '\r', '5', '-5', 'x', ' ', '.5', '＋'];
    const cells = new Set<string>();
    for (const a of parts) for (const b of parts) for (const c of parts) cells.add(a + b + c);
    const written = new Set<string>();
    for (const cell of cells) {
      expect(restoreCsvCell(neutraliseCsvCell(cell))).toBe(cell);
      written.add(neutraliseCsvCell(cell));
    }
    expect(written.size).toBe(cells.size);
  });
});

describe('csvRows', () => {
  it('writes RFC 4180 records, quoting only cells that need it', () => {
    expect(csvRows([['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\rhere', ''], [1, -5, 12.5, true, false, null, undefined]])).toBe(
      'a,"b,c","say ""hi""","two\nlines","cr\rhere",\n1,-5,12.5,1,,,\n',
    );
  });

  it('neutralises every cell, the header too, before quoting it', () => {
    expect(csvRows([['=cmd', 'name'], ['=HYPERLINK("http://x","y")', '+1']])).toBe('\'=cmd,name\n"\'=HYPERLINK(""http://x"",""y"")",\'+1\n');
  });

  it('writes nothing for no rows', () => {
    expect(csvRows([])).toBe('');
  });
});
