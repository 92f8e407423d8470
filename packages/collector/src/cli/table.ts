import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { displayWidth, PRINTABLE_ASCII, safeLines, wrapInto } from './terminal-text.ts';

/*
 * Tables for the terminal, drawn as cli-table3 drew them (box lines, one space of padding, a line
 * between rows) in time linear in the output: cli-table3 took 50 s for 10,000 rows and ran out of
 * stack at 100,000. No ANSI colours: output is often pasted into tickets.
 */

export interface TableColumn {
  header: string;
  /** Text width inside the padding; longer text wraps at spaces. Omitted: the widest cell's. */
  width?: number;
  align?: 'left' | 'right';
}

export type SizedColumn = TableColumn & { width: number };

/**
 * A row: a cell a column (text with `\n` takes several lines), or text across the whole table;
 * with `bullet`, each of its items starts with it and wraps under its text.
 */
export type TableRow = ReadonlyArray<string | number> | { readonly across: string | readonly string[]; readonly bullet?: string };

/** The table as one string. Columns without a width get the widest cell's, in one pass over the rows. */
export function tableText(columns: readonly TableColumn[], rows: readonly TableRow[]): string {
  return Buffer.concat([...tablePieces(fitColumns(columns, rows), rows)]).toString('utf8');
}

/**
 * Writes the table to `out` as `rows` yields them (a generator works: nothing is held but the
 * current piece of about 64 KiB), waiting for 'drain' when `out` is full.
 */
export async function writeTable(out: Writable, columns: readonly SizedColumn[], rows: Iterable<TableRow>): Promise<void> {
  for (const piece of tablePieces(columns, rows)) {
    if (!out.write(piece)) await once(out, 'drain');
  }
}

/** Widths for the columns that have none: the widest line of the header and the cells. */
export function fitColumns(columns: readonly TableColumn[], rows: readonly TableRow[]): SizedColumn[] {
  const widths = columns.map((column) => column.width ?? widest(column.header));
  const open = columns.map((column) => column.width === undefined);
  if (open.some(Boolean)) {
    for (const row of rows) {
      if (!isCells(row)) continue;
      for (let i = 0; i < columns.length; i++) if (open[i]) widths[i] = Math.max(widths[i]!, widest(String(row[i] ?? '')));
    }
  }
  return columns.map((column, i) => ({ ...column, width: widths[i]! }));
}

const isCells = (row: TableRow): row is ReadonlyArray<string | number> => Array.isArray(row);

function widest(text: string): number {
  let width = 0;
  for (const line of safeLines(text)) width = Math.max(width, displayWidth(line));
  return width;
}

const PIECE = 64 * 1024;

/*
 * Pieces are built as "binary" strings, one character a UTF-8 byte ('│' is "\xe2\x94\x82"), and
 * sent as Buffer.from(piece, 'latin1'): a plain copy. Encoding the box lines, most of the output,
 * from UTF-16 for every row cost more than everything else together.
 */
const ASCII = /^[\x00-\x7f]*$/;
const binary = (text: string) => (ASCII.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1'));

/** The table as UTF-8 pieces of about PIECE bytes: header, rows (each with the line above it), bottom line. */
export function* tablePieces(columns: readonly SizedColumn[], rows: Iterable<TableRow>): Generator<Buffer> {
  const rule = (left: string, join: string, right: string) => binary(`${left}${columns.map((c) => '─'.repeat(c.width + 2)).join(join)}${right}\n`);
  const rules = {
    top: rule('┌', '┬', '┐'),
    between: rule('├', '┼', '┤'),
    intoAcross: rule('├', '┴', '┤'),
    outOfAcross: rule('├', '┬', '┤'),
    acrossToAcross: rule('├', '─', '┤'),
    bottom: rule('└', '┴', '┘'),
    bottomAcross: rule('└', '─', '┘'),
  };
  const acrossWidth = columns.reduce((sum, c) => sum + c.width, 0) + 3 * (columns.length - 1);
  const writer = new RowWriter(columns);
  let piece = rules.top + writer.cells(columns.map((c) => c.header));
  let previousAcross = false;
  for (const row of rows) {
    const across = !isCells(row);
    piece += previousAcross ? (across ? rules.acrossToAcross : rules.outOfAcross) : across ? rules.intoAcross : rules.between;
    piece += across ? writer.across(acrossWidth, row.across, row.bullet) : writer.cells(row);
    previousAcross = across;
    if (piece.length < PIECE) continue;
    yield Buffer.from(piece, 'latin1');
    piece = '';
  }
  yield Buffer.from(piece + (previousAcross ? rules.bottomAcross : rules.bottom), 'latin1');
}

const SPACES = Array.from({ length: 257 }, (_, n) => ' '.repeat(n));
const spaces = (n: number) => (n <= 0 ? '' : n < SPACES.length ? SPACES[n]! : ' '.repeat(n));
const BAR = binary('│');
const LEFT = `${BAR} `;
const MIDDLE = ` ${BAR} `;
const RIGHT = ` ${BAR}\n`;

/** Lays rows out line by line, as binary strings. Most cells are one short line of ASCII: those take the quick way. */
class RowWriter {
  /** A column's cell on a line where it has no text. */
  private readonly blanks: string[];
  // Per column, for the row at hand: its first line, that line's width, whether it is ASCII, and any further lines.
  private readonly first: string[];
  private readonly firstWidth: number[];
  private readonly ascii: boolean[];
  private readonly wrapped: Array<{ lines: string[]; widths: number[] } | null>;
  /** The last bullet, ready to write: rows of one table use the same one. */
  private bullet = { text: '', first: LEFT, next: LEFT, indent: 0 };

  constructor(private readonly columns: readonly SizedColumn[]) {
    this.blanks = columns.map((column, i) => (i === 0 ? LEFT : MIDDLE) + spaces(column.width));
    this.first = columns.map(() => '');
    this.firstWidth = columns.map(() => 0);
    this.ascii = columns.map(() => true);
    this.wrapped = columns.map(() => null);
  }

  cells(cells: ReadonlyArray<string | number>): string {
    const { columns, first, firstWidth, ascii, wrapped } = this;
    let height = 1;
    for (let i = 0; i < columns.length; i++) {
      const cell = cells[i];
      const text = typeof cell === 'string' ? cell : String(cell ?? '');
      if (text.length <= columns[i]!.width && PRINTABLE_ASCII.test(text)) {
        first[i] = text;
        firstWidth[i] = text.length;
        ascii[i] = true;
        wrapped[i] = null;
        continue;
      }
      const lines: string[] = [];
      const widths: number[] = [];
      ascii[i] = wrapInto(text, columns[i]!.width, lines, widths);
      first[i] = lines[0]!;
      firstWidth[i] = widths[0]!;
      wrapped[i] = { lines, widths };
      height = Math.max(height, lines.length);
    }
    let text = '';
    for (let l = 0; l < height; l++) {
      for (let i = 0; i < columns.length; i++) {
        const more = wrapped[i];
        const line = l === 0 ? first[i]! : more?.lines[l];
        if (line === undefined) {
          text += this.blanks[i];
          continue;
        }
        const bytes = ascii[i] ? line : binary(line);
        const fill = spaces(columns[i]!.width - (l === 0 ? firstWidth[i]! : more!.widths[l]!));
        text += (i === 0 ? LEFT : MIDDLE) + (columns[i]!.align === 'right' ? fill + bytes : bytes + fill);
      }
      text += RIGHT;
    }
    return text;
  }

  across(width: number, content: string | readonly string[], bullet = ''): string {
    if (bullet !== this.bullet.text) this.bullet = { text: bullet, first: LEFT + binary(bullet), next: LEFT + spaces(displayWidth(bullet)), indent: displayWidth(bullet) };
    const { first, next, indent } = this.bullet;
    let text = '';
    for (const item of typeof content === 'string' ? [content] : content) {
      const lines: string[] = [];
      const widths: number[] = [];
      const ascii = wrapInto(item, width - indent, lines, widths);
      for (let l = 0; l < lines.length; l++) text += (l === 0 ? first : next) + (ascii ? lines[l]! : binary(lines[l]!)) + spaces(width - indent - widths[l]!) + RIGHT;
    }
    return text;
  }
}
