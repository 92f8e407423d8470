import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { RollcallError } from '../errors.ts';
import { DirectoryLock } from './lock.ts';
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
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));
// Arbitrary constant: serialises migrations when several collectors start on one PostgreSQL.
const MIGRATION_LOCK_ID = 7_240_117;

/**
 * Opens the database and brings its schema up to date. `command` names the caller in the
 * PGlite directory lock, so a blocked second process can say who holds it.
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
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = await PGlite.create({ dataDir: target.dir });
    makePrivate(target.dir); // a first start unpacks the initial cluster open to everyone
    const db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS });
    return {
      db: db as unknown as Db,
      target,
      lock,
      notices,
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
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(target.url, { max: 10, onnotice: () => {}, connect_timeout: 10 });
  try {
    const db = drizzle({ client, schema });
    // The lock is held on a connection of its own while the migrator works on the pool.
    const locked = await client.reserve();
    try {
      await locked`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
      await migrate(db, { migrationsFolder: MIGRATIONS });
    } finally {
      await locked`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
      locked.release();
    }
    return {
      db: db as unknown as Db,
      target,
      notices: [],
      close: () => client.end({ timeout: 5 }),
    };
  } catch (cause) {
    await client.end({ timeout: 1 }).catch(() => {});
    const hint = postgresHint(target.url, cause);
    throw new RollcallError('DB_UNAVAILABLE', `cannot open ${describeTarget(target)}: ${(cause as Error).message}${hint ? `; ${hint}` : ''}`, { cause });
  }
}
