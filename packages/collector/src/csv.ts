/** A cell as the writers hand it over; a boolean is written as 1 or an empty cell (as csv-stringify, used before, wrote it). */
export type CsvValue = string | number | boolean | null | undefined;

// A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"; the
// fullwidth forms are what Apple Numbers reads as such too). With apostrophes before it, it is a
// cell that was neutralised already, or meant to look so: it gets one more, so that
// restoreCsvCell can tell the two apart, and what comes back in is exactly what went out.
const FORMULA_START = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEUTRALISED = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// A spreadsheet reads these as numbers, never as formulas: written as they are (-5, -12.50).
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/**
 * A cell safe to open in a spreadsheet: one `'` before a cell that would start a formula (`=`,
 * `+`, `-`, `@`, tab or carriage return, after any apostrophes), as OWASP recommends; negative
 * numbers stay as they are.
 */
export function neutraliseCsvCell(text: string): string {
  return FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
}

/** The cell neutraliseCsvCell was given: one leading `'` less on a neutralised cell; any other cell as it is. */
export function restoreCsvCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

const NEEDS_QUOTES = /[",\n\r]/;

function csvField(value: CsvValue): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value ? '1' : '';
  const safe = neutraliseCsvCell(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Rows (the header first) as CSV (RFC 4180, `\n` after each record), every cell neutralised.
 * Every CSV rollcall writes, CLI and API, goes through here; a long one in pieces of rows.
 */
export function csvRows(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  let csv = '';
  for (const row of rows) csv += `${row.map(csvField).join(',')}\n`;
  return csv;
}
