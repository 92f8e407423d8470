import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The drizzle migrations folder (packages/collector/drizzle), found by walking up from this module:
 * it is `../../drizzle` from src/db/ and `../drizzle` or `../../drizzle` from the bundle in dist/.
 */
export const MIGRATIONS_FOLDER = findMigrations(dirname(fileURLToPath(import.meta.url)));

function findMigrations(from: string): string {
  for (let dir = from, depth = 0; depth < 5; dir = dirname(dir), depth++) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
  }
  throw new Error(`cannot find the database migrations (drizzle/meta/_journal.json) above ${from}`);
}

/** The `when` of the journal's newest migration: what drizzle records as its `created_at`. */
export function newestMigration(folder = MIGRATIONS_FOLDER): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** The one query that says which migration the database has: drizzle's own bookkeeping. */
export const APPLIED_MIGRATION_SQL = 'select max(created_at) as newest from drizzle.__drizzle_migrations';

/** Runs APPLIED_MIGRATION_SQL on either driver and returns its one value. */
export type QueryNewest = () => Promise<unknown>;

/**
 * Whether the database's schema is the journal's newest (or newer: written by a later collector,
 * which drizzle's migrator would leave alone too). One cheap query, so that the migrator — which
 * reads and hashes every migration file and takes locks — runs only when there is something to do.
 * A database without drizzle's table (a new one) is not current.
 */
export async function schemaIsCurrent(queryNewest: QueryNewest, newest = newestMigration()): Promise<boolean> {
  let applied: unknown;
  try {
    applied = await queryNewest();
  } catch (error) {
    // 42P01 undefined_table, 3F000 invalid_schema_name: never migrated.
    if (['42P01', '3F000'].includes((error as { code?: string }).code ?? '')) return false;
    throw error;
  }
  return applied !== null && applied !== undefined && Number(applied) >= newest;
}
