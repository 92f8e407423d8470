import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Info } from 'csv-parse';
import type { Asset, LifecycleStatus } from '@rollcall/core';
import { restoreCsvCell } from '../csv.ts';
import { RollcallError } from '../errors.ts';
import { unstorableText } from '../storable-text.ts';
import type { Spelling } from '../spelling.ts';
import { planColumns, type ColumnPlan } from './columns.ts';
import { rowToAsset } from './row.ts';
import { textChunks, type TextInput } from './text-chunks.ts';

export interface ParseRegisterOptions {
  /** `--map FIELD=COLUMN`: read FIELD from COLUMN instead of the usual header names. */
  fieldMap?: Record<string, string>;
  /** `--status-map LABEL=STATUS`: wins over the built-in status labels. */
  statusMap?: Record<string, LifecycleStatus>;
  /** Called with the number of data rows read so far, every PROGRESS_EVERY rows and at the end. */
  onProgress?: (rowsRead: number) => void;
  /** How the caller names `map` in messages (default: the CLI's flags). */
  spell?: Spelling;
}

export interface RegisterRowError {
  line: number;
  assetTag: string | null;
  reason: string;
}

export interface ParsedRegister {
  assets: Array<Asset & { line: number }>;
  errors: RegisterRowError[];
  /** field → the header it was read from (several joined with ", "). */
  columns: Record<string, string>;
  /** Headers that are no register field; their values are kept as custom fields. */
  unknownColumns: string[];
}

const PROGRESS_EVERY = 1000;

/**
 * Reads an asset register CSV (Snipe-IT's export/import columns out of the box). Rows that cannot
 * become an Asset are reported in `errors` with their line; only problems with the file as a
 * whole (no asset tag or status column, a bad `fieldMap`, broken quoting) throw BAD_INPUT.
 */
export async function parseRegisterCsv(input: TextInput, options: ParseRegisterOptions = {}): Promise<ParsedRegister> {
  const { head, rest } = await peekFirstLine(textChunks(input));
  // Wrong-length rows come through on_skip, possibly before the header row reaches the sink below.
  const wrongLength: Array<{ line: number; record: string[] }> = [];
  const parser = parse({
    delimiter: detectDelimiter(head),
    bom: true,
    info: true,
    relax_column_count: false,
    relax_quotes: true, // `27" monitor` in an unquoted cell is data, not broken quoting
    trim: true, // `a, "b, c" ` is two fields: spaces around quotes are not data
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      // Only a wrong field count is a bad row; any other error is broken quoting: give up.
      if (error?.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') throw error;
      const record = (error as CsvError & { record: string[] }).record;
      wrongLength.push({ line: firstLine(error.lines as number, record), record });
    },
  });

  const register = new RegisterBuilder(options);
  // A Writable sink rather than `for await`: noticeably faster at 100,000 rows.
  const sink = new Writable({
    objectMode: true,
    highWaterMark: 256,
    write({ record, info }: { record: string[]; info: Info }, _encoding, done) {
      try {
        register.add(record, firstLine(info.lines, record));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await pipeline(Readable.from(rest), parser, sink);
  } catch (error) {
    throw asInputError(error);
  }
  return register.finish(wrongLength);
}

/** Collects rows into assets and bad-row errors; the first row it is given is the header. */
class RegisterBuilder {
  private plan: ColumnPlan | null = null;
  private headerWidth = 0;
  private rowsRead = 0;
  private readonly assets: Array<Asset & { line: number }> = [];
  private readonly errors: RegisterRowError[] = [];
  private readonly tagLines = new Map<string, number>();

  constructor(private readonly options: ParseRegisterOptions) {}

  add(cells: string[], line: number): void {
    const record = cells.map(restoreCsvCell); // `'=1+1` as registerToCsv wrote `=1+1`
    if (this.plan === null) {
      const unstorable = record.map((header) => ({ header, reason: unstorableText(header) })).find((h) => h.reason);
      if (unstorable) throw new RollcallError('BAD_INPUT', `line ${line}: the header ${JSON.stringify(unstorable.header)}: ${unstorable.reason}`);
      this.plan = planColumns(record, this.options.fieldMap, this.options.spell);
      this.headerWidth = record.length;
      return;
    }
    if (++this.rowsRead % PROGRESS_EVERY === 0) this.options.onProgress?.(this.rowsRead);
    if (isBlank(record)) return; // `;;;;` rows that spreadsheets leave behind
    const row = rowToAsset(record, this.plan, this.options.statusMap, this.options.spell);
    const tag = row.ok ? row.asset.assetTag : row.assetTag;
    const firstSeen = tag === null ? undefined : this.tagLines.get(tag);
    if (firstSeen !== undefined) {
      this.errors.push({ line, assetTag: tag, reason: `duplicate asset tag "${tag}" (first on line ${firstSeen})` });
      return;
    }
    if (tag !== null) this.tagLines.set(tag, line);
    if (row.ok) this.assets.push({ ...row.asset, line });
    else this.errors.push({ line, assetTag: row.assetTag, reason: row.reason });
  }

  finish(wrongLength: Array<{ line: number; record: string[] }>): ParsedRegister {
    const plan = this.plan;
    if (plan === null) throw new RollcallError('BAD_INPUT', 'the register file is empty: expected a header line and rows');
    for (const { line, record } of wrongLength) {
      if (isBlank(record)) continue;
      this.rowsRead++;
      const tagIndex = plan.fields.get('assetTag')?.[0];
      const tag = tagIndex === undefined ? '' : (record[tagIndex]?.trim() ?? '');
      const reason = `wrong number of fields: ${record.length}, the header has ${this.headerWidth}`;
      this.errors.push({ line, assetTag: tag === '' ? null : tag, reason });
    }
    this.errors.sort((a, b) => a.line - b.line);
    this.options.onProgress?.(this.rowsRead);
    return { assets: this.assets, errors: this.errors, columns: plan.columns, unknownColumns: plan.unknownColumns };
  }
}

/** Reads chunks up to the end of the first line (the header), and hands back all of them. */
async function peekFirstLine(chunks: AsyncGenerator<string>): Promise<{ head: string; rest: AsyncGenerator<string> }> {
  const seen: string[] = [];
  let next = await chunks.next();
  while (!next.done) {
    seen.push(next.value);
    if (next.value.includes('\n')) break;
    next = await chunks.next();
  }
  const text = seen.join('');
  const end = text.indexOf('\n');
  async function* rest(): AsyncGenerator<string> {
    yield* seen;
    if (next.done) return;
    for (next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  return { head: end === -1 ? text : text.slice(0, end), rest: rest() };
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter the header line uses most often outside quotes; comma when it has none. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: string = ',';
  for (const delimiter of DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/**
 * The physical line a record starts on. csv-parse reports the line it ends on; every line break
 * inside a (quoted) cell moves the start one line up. Exact because line breaks are all `\n`.
 */
function firstLine(lastLine: number, record: string[]): number {
  let breaks = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks++;
  }
  return lastLine - breaks;
}

function isBlank(record: string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

function asInputError(error: unknown): unknown {
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? `line ${error.lines}: ` : '';
    return new RollcallError('BAD_INPUT', `${line}cannot parse the CSV file: ${error.message}`, { cause: error });
  }
  return error;
}
