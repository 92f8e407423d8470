import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';

/** Rows of `db.execute`: postgres.js returns them as an array, PGlite as `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Rows a data-modifying statement touched, counted in the database (not shipped to us). With
 * `ctes`, the statement is a list of CTEs whose last one, `done`, is the modifying one.
 */
export async function countRows(db: Pick<Db, 'execute'>, statement: SQL, ctes = false): Promise<number> {
  const query = ctes ? sql`with ${statement} select count(*)::int as n from done` : sql`with done as (${statement}) select count(*)::int as n from done`;
  const [row] = rowsOf<{ n: number }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

/** A transaction's handle, as `db.transaction` passes it: stores' helpers that must run inside one take it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
