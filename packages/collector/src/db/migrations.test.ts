import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends, type TestDatabase } from '../testing/index.ts';
import { MIGRATIONS_FOLDER, newestMigration } from './migrations.ts';
import { openDatabase, type Database } from './open.ts';
import type { DatabaseTarget } from './target.ts';

const scratch = mkdtempSync(join(tmpdir(), 'rollcall-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The migrations folder without its newest migration: a database migrated by the previous release. */
function previousRelease(): string {
  const folder = join(scratch, 'previous');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { when: number }[] };
  journal.entries.pop();
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

async function rows(database: Database, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const result = (await database.db.execute(query)) as unknown as Record<string, unknown>[] | { rows: Record<string, unknown>[] };
  return Array.isArray(result) ? result : result.rows;
}

const newestApplied = async (database: Database) => Number((await rows(database, sql`select max(created_at) as newest from drizzle.__drizzle_migrations`))[0]!.newest);
const hasColumn = async (database: Database, table: string, column: string) =>
  (await rows(database, sql`select 1 from information_schema.columns where table_schema = 'public' and table_name = ${table} and column_name = ${column}`)).length > 0;

/** Empties the database: no tables, no record of migrations, as a new one. */
async function empty(target: DatabaseTarget): Promise<void> {
  const database = await openDatabase(target, 'test');
  try {
    await database.db.execute(sql`drop schema drizzle cascade`);
    await database.db.execute(sql`drop schema public cascade`);
    await database.db.execute(sql`create schema public`);
  } finally {
    await database.close();
  }
}

/** Applies `folder`'s migrations with drizzle's migrator directly, as an earlier collector did. */
async function migrateWith(target: DatabaseTarget, folder: string): Promise<void> {
  if (target.kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const client = await PGlite.create({ dataDir: target.dir });
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.close();
    }
  } else {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const client = postgres(target.url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle({ client }), { migrationsFolder: folder });
    } finally {
      await client.end();
    }
  }
}

describe.each(testBackends())('opening a database on $name: migrations', (backend) => {
  let test: TestDatabase;
  beforeAll(async () => {
    if (backend.available) test = await backend.create();
  });
  afterAll(async () => {
    await test?.drop();
  });

  it.skipIf(!backend.available)('migrates a new database to the newest migration', async () => {
    await empty(test.target);
    const database = await openDatabase(test.target, 'test');
    try {
      expect(database.migrated).toBe(true);
      expect(await newestApplied(database)).toBe(newestMigration());
      expect(await hasColumn(database, 'devices', 'id')).toBe(true);
    } finally {
      await database.close();
    }
  });

  it.skipIf(!backend.available)('does not run the migrator on a database that is up to date', async () => {
    const database = await openDatabase(test.target, 'test');
    try {
      expect(database.migrated).toBe(false);
      expect(await newestApplied(database)).toBe(newestMigration());
    } finally {
      await database.close();
    }
  });

  it.skipIf(!backend.available)('applies the newest migration to a database one migration behind', async () => {
    await empty(test.target);
    await migrateWith(test.target, previousRelease());
    const database = await openDatabase(test.target, 'test');
    try {
      expect(database.migrated).toBe(true);
      expect(await newestApplied(database)).toBe(newestMigration());
      // 0007 dropped metrics_batches.device_id: the newest migration's change is there.
      expect(await hasColumn(database, 'metrics_batches', 'device_id')).toBe(false);
    } finally {
      await database.close();
    }
  });
});
