import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { DatabaseTarget } from '../db/target.ts';

/** A database made for one test run and removed by `drop`. */
export interface TestDatabase {
  target: DatabaseTarget;
  /** What to pass as --db. */
  arg: string;
  drop(): Promise<void>;
}

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** False when the backend is not available here; tests then skip, loudly. */
  available: boolean;
  create(): Promise<TestDatabase>;
}

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

/** $ROLLCALL_TEST_PG; unset means "the local server if one listens on 5432"; `off` disables. */
function postgresUrl(): string | undefined {
  const configured = process.env.ROLLCALL_TEST_PG;
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const probe = spawnSync(
    process.execPath,
    ['-e', "require('net').connect(5432, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"],
    { timeout: 3000 },
  );
  return probe.status === 0 ? LOCAL_PG : undefined;
}

const pgUrl = postgresUrl();
let warned = false;

/** The PostgreSQL server tests use, if any (a URL of one of its databases). */
export function testPostgresUrl(): string | undefined {
  return pgUrl;
}

/**
 * PGlite always; PostgreSQL when $ROLLCALL_TEST_PG names a server or one listens locally. Each `create()`
 * makes a fresh database (a temp dir, or `CREATE DATABASE` on the server).
 */
export function testBackends(): TestBackend[] {
  if (!pgUrl && !warned) {
    warned = true;
    console.warn(
      '\n⚠⚠⚠ No PostgreSQL for tests: PostgreSQL tests are SKIPPED. Start one on 127.0.0.1:5432 (trust auth)\n' +
        '    or set ROLLCALL_TEST_PG=postgres://USER@HOST:PORT/DB. CI always runs them.\n',
    );
  }
  return [
    { name: 'pglite', available: true, create: async () => createPglite() },
    { name: 'postgres', available: Boolean(pgUrl), create: () => createPostgres(pgUrl!) },
  ];
}

function createPglite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-test-db-'));
  return {
    target: { kind: 'pglite', dir },
    arg: dir,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function createPostgres(adminUrl: string): Promise<TestDatabase> {
  const name = `rollcall_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    arg: url.toString(),
    async drop() {
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
