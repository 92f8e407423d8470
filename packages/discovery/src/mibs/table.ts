import { parseOid, type Varbind } from '../snmp.ts';
import { byIndex } from '../values.ts';

/** The columns of an SNMP table to walk, by name. */
export type TableColumns<K extends string> = Record<K, string>;

/** A walked table: for each column, its rows keyed by index (dotted text). */
export type WalkedTable<K extends string> = Record<K, Map<string, Varbind>>;

/** Arranges the rows of each walked column by index. */
export function arrange<K extends string>(columns: TableColumns<K>, walked: Record<K, Varbind[]>): WalkedTable<K> {
  const table = {} as WalkedTable<K>;
  for (const name of Object.keys(columns) as K[]) table[name] = byIndex(walked[name] ?? [], parseOid(columns[name]));
  return table;
}

/** Every index present in any of the table's columns, in walk order of the first column that has it. */
export function indexes<K extends string>(table: WalkedTable<K>): string[] {
  const seen = new Set<string>();
  for (const column of Object.values(table) as Map<string, Varbind>[]) for (const index of column.keys()) seen.add(index);
  return [...seen];
}

export const subIds = (index: string): number[] => index.split('.').map(Number);
