import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tableText, writeTable, type SizedColumn, type TableRow } from './table.ts';

describe('tableText', () => {
  it('draws what cli-table3 drew: widths from the widest cell, a line between rows, several lines in a cell', () => {
    expect(tableText([{ header: 'A' }, { header: 'Bee' }, { header: 'C' }], [['x', 'long value here', 3], ['yy', 'two\nlines', '']])).toBe(
      [
        '┌────┬─────────────────┬───┐',
        '│ A  │ Bee             │ C │',
        '├────┼─────────────────┼───┤',
        '│ x  │ long value here │ 3 │',
        '├────┼─────────────────┼───┤',
        '│ yy │ two             │   │',
        '│    │ lines           │   │',
        '└────┴─────────────────┴───┘',
        '',
      ].join('\n'),
    );
  });

  it('aligns right where asked, and draws just the header without rows', () => {
    expect(tableText([{ header: 'Table' }, { header: 'Rows', align: 'right' }], [['assets', '1,200'], ['total', '7']]).split('\n')[3]).toBe('│ assets │ 1,200 │');
    expect(tableText([{ header: 'Table' }, { header: 'Rows', align: 'right' }], [['total', '7']]).split('\n')[3]).toBe('│ total │    7 │');
    expect(tableText([{ header: 'Name' }], [])).toBe('┌──────┐\n│ Name │\n└──────┘\n');
  });

  it('wraps at spaces to a fixed width, and cuts a word longer than the column rather than losing it', () => {
    const lines = tableText([{ header: 'Vendor', width: 10 }, { header: 'Id', width: 8 }], [['locally administered (virtual)', 'uuid:4c4c4544-0042']]).split('\n');
    expect(lines.slice(3, 7)).toEqual(['│ locally    │ uuid:4c4 │', '│ administer │ c4544-00 │', '│ ed         │ 42       │', '│ (virtual)  │          │']);
    expect(lines.every((line) => [...line].length === 0 || [...line].length === 25)).toBe(true);
  });

  it('spans text across the table below a row, with bullets whose items wrap under their text', () => {
    const columns: SizedColumn[] = [{ header: 'Kind', width: 7 }, { header: 'Asset', width: 8 }];
    const text = tableText(columns, [['ghost', 'A-1'], { across: ['never seen by any source at all', 'short'], bullet: '• ' }, ['matched', 'A-2'], { across: 'plain' }, { across: 'twice' }]);
    expect(text.split('\n')).toEqual([
      '┌─────────┬──────────┐',
      '│ Kind    │ Asset    │',
      '├─────────┼──────────┤',
      '│ ghost   │ A-1      │',
      '├─────────┴──────────┤',
      '│ • never seen by    │',
      '│   any source at    │',
      '│   all              │',
      '│ • short            │',
      '├─────────┬──────────┤',
      '│ matched │ A-2      │',
      '├─────────┴──────────┤',
      '│ plain              │',
      '├────────────────────┤',
      '│ twice              │',
      '└────────────────────┘',
      '',
    ]);
  });

  it('shows control characters as symbols, so a hostile name cannot drive the terminal, and keeps wide characters aligned', () => {
    const text = tableText([{ header: 'Name' }, { header: 'X' }], [['evil\x1b[2J\x07', 'a\tb'], ['日本語', 'ok'], ['Zoe\u0308\u0301', 'é']]);
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(text).toContain('│ evil␛[2J␇ │ a b │');
    expect(text).toContain('│ 日本語    │ ok  │'); // three characters, six columns
    expect(text).toContain(`│ Zoe\u0308\u0301${' '.repeat(6)} │ é   │`); // combining accents take no column
  });

  it('renders 100,000 rows, a size cli-table3 ran out of stack on', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [`host-${i}`, String(i)]);
    const lines = tableText([{ header: 'Host' }, { header: 'N', align: 'right' }], rows).split('\n');
    expect(lines).toHaveLength(3 + 2 * 100_000 + 1);
    expect(lines.at(-3)).toBe('│ host-99999 │ 99999 │');
  });
});

describe('writeTable', () => {
  it('writes rows as they come, in pieces, waiting whenever the stream is full', async () => {
    const writes: string[] = [];
    let drains = 0;
    let pulled = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        writes.push(chunk.toString('utf8'));
        setImmediate(done);
      },
    });
    out.on('drain', () => drains++);
    const pulledAtWrite: number[] = [];
    const original = out.write.bind(out);
    out.write = ((chunk: Buffer) => {
      pulledAtWrite.push(pulled);
      return original(chunk);
    }) as typeof out.write;
    function* rows(): Generator<TableRow> {
      for (let i = 0; i < 20_000; i++) {
        pulled++;
        yield [`row ${i}`, 'x'.repeat(i % 30)];
      }
    }
    const columns: SizedColumn[] = [{ header: 'Row', width: 9 }, { header: 'Text', width: 30 }];
    await writeTable(out, columns, rows());
    await new Promise<void>((resolve) => out.end(resolve));
    expect(writes.length).toBeGreaterThan(10);
    expect(drains).toBeGreaterThan(0);
    expect(pulledAtWrite[0]).toBeLessThan(20_000); // the first piece went out before all rows were made
    const all = Array.from({ length: 20_000 }, (_, i) => [`row ${i}`, 'x'.repeat(i % 30)]);
    expect(writes.join('')).toBe(tableText(columns, all));
  });
});
