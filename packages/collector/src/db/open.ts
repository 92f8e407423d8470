import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { RollcallError } from '../errors.ts';
import { DirectoryLock } from './lock.ts';
import { APPLIED_MIGRATION_SQL, MIGRATIONS_FOLDER, schemaIsCurrent } from './migrations.ts';
import { copyPgliteTemplate } from './pglite-template.ts';
import { postgresHint } from './postgres-hint.ts';
import { makePrivate } from './private-dir.ts';
import * as schema from './schema.ts';
import { describeTarget, type DatabaseTarget } from './target.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  target: DatabaseTarget;
  /** Present for PGlite: the server publishes its URL through it. */
  lock?: DirectoryLock;
  /** What opening it changed that the user should hear about once (a stale lock, permissions). */
  notices: string[];
  /** Whether opening it applied migrations (false when its schema was current already). */
  migrated: boolean;
  close(): Promise<void>;
}

// Arbitrary constant: serialises migrations when several collectors start on one PostgreSQL.
const MIGRATION_LOCK_ID = 7_240_117;

/**
 * PostgreSQL settings for PGlite. Its WebAssembly heap only grows, and what postgres touches stays
 * resident: the default 128 MB of shared buffers are zeroed at start (about 125 MB of RSS for a
 * collector whose database is far smaller; the OS page cache keeps the data files anyway), and
 * maintenance_work_mem would let one index build or vacuum grow the heap by 64 MB for good.
 * bench/cli.ts measures the resident memory.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB'];

/**
 * Opens the database and brings its schema up to date: one query compares the newest migration
 * applied with the journal's newest, and only a database behind it goes through drizzle's migrator.
 * `command` names the caller in the PGlite directory lock, so a blocked second process can say who
 * holds it. Open it once per process: PGlite is a whole PostgreSQL in this process's memory.
 */
export async function openDatabase(target: DatabaseTarget, command: string): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target, command) : openPostgres(target);
}

async function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>, command: string): Promise<Database> {
  const loosened = makePrivate(target.dir);
  const lock = DirectoryLock.acquire(target.dir, command);
  const notices: string[] = [];
  if (lock.staleHolder) {
    const { pid, command: by, startedAt } = lock.staleHolder;
    notices.push(`took over ${lock.file}: it was left by pid ${pid} (\`rollcall ${by}\`, started ${startedAt}), which is no longer running`);
  }
  if (loosened > 0) notices.push(`made ${target.dir} private to its owner: ${loosened} of its files and directories were open to other users`);
  try {
    copyPgliteTemplate(target.dir);
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = await PGlite.create({ dataDir: target.dir, startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
    makePrivate(target.dir); // initdb unpacks the initial cluster, and every start writes files, open to everyone
    const db = drizzle({ client, schema });
    const migrated = !(await schemaIsCurrent(async () => (await client.query<{ newest: unknown }>(APPLIED_MIGRATION_SQL)).rows[0]?.newest));
    if (migrated) {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    return {
      db: db as unknown as Db,
      target,
      lock,
      notices,
      migrated,
      async close() {
        await client.close();
        lock.release();
      },
    };
  } catch (cause) {
    lock.release();
    throw new RollcallError('DB_UNAVAILABLE', `cannot open ${describeTarget(target)}: ${(cause as Error).message}`, { cause });
  }
}

async function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(target.url, { max: 10, onnotice: () => {}, connect_timeout: 10 });
  try {
    const db = drizzle({ client, schema });
    const migrated = !(await schemaIsCurrent(async () => (await client.unsafe(APPLIED_MIGRATION_SQL))[0]?.newest));
    if (migrated) {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      // Several collectors may start at once: the lock serialises them (the migrator checks again
      // under it, so the later ones apply nothing). It is held on a connection of its own while
      // the migrator works on the pool.
      const locked = await client.reserve();
      try {
        await locked`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await locked`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
        locked.release();
      }
    }
    return {
      db: db as unknown as Db,
      target,
      notices: [],
      migrated,
      close: () => client.end({ timeout: 5 }),
    };
  } catch (cause) {
    await client.end({ timeout: 1 }).catch(() => {});
    const hint = postgresHint(target.url, cause);
    throw new RollcallError('DB_UNAVAILABLE', `cannot open ${describeTarget(target)}: ${(cause as Error).message}${hint ? `; ${hint}` : ''}`, { cause });
  }
}
