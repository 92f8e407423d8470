import { csvRows } from '../csv.ts';
import { tableText } from './table.ts';

export type OutputFormat = 'table' | 'json' | 'csv';
export const OUTPUT_FORMATS: OutputFormat[] = ['table', 'json', 'csv'];

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
  /** Left out of the table view to keep it readable in a terminal; json and csv have every column. */
  detail?: boolean;
}

/** "1 device", "2 devices", "1,200 installs". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Renders rows for the terminal (table), for programs (json: the rows as they are) or for spreadsheets (csv). */
export function render<Row>(rows: Row[], columns: Column<Row>[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  const shown = format === 'csv' ? columns : columns.filter((c) => !c.detail);
  const cells = rows.map((row) => shown.map((column) => column.value(row) ?? ''));
  if (format === 'csv') return csvRows([shown.map((c) => c.header), ...cells]);
  return tableText(shown.map((c) => ({ header: c.header })), cells);
}
