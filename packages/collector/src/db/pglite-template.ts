import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MIGRATIONS_FOLDER, newestMigration } from './migrations.ts';

/**
 * A new PGlite data directory is copied from a template instead of running initdb: PGlite's initdb
 * is a second WebAssembly PostgreSQL whose memory this process would keep for good (a collector
 * that created its database held ~650 MB resident, one that reopened it ~170 MB), and it takes
 * seconds where a copy takes a fraction of one. The template is a cluster just initialised and
 * migrated by this PGlite version to the journal's newest migration, so its name carries both; the
 * build (scripts/build-bundles.mjs) makes it, with `rollcall db stats` on an empty directory. It
 * holds no data and no secret: the enrollment token is made by the first `serve`.
 */
export function pgliteTemplateDir(): string {
  return join(dirname(MIGRATIONS_FOLDER), 'dist', 'pglite', `${pgliteVersion()}-${newestMigration()}`);
}

function pgliteVersion(): string {
  const main = createRequire(import.meta.url).resolve('@electric-sql/pglite'); // …/pglite/dist/index.cjs
  return (JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Fills `dir` from the template when it holds no cluster yet and the template exists; returns
 * whether it did (else PGlite runs initdb, as it does without a build).
 */
export function copyPgliteTemplate(dir: string): boolean {
  if (existsSync(join(dir, 'PG_VERSION'))) return false;
  const template = pgliteTemplateDir();
  if (!existsSync(join(template, 'PG_VERSION'))) return false;
  cpSync(template, dir, { recursive: true, errorOnExist: false, force: false });
  return true;
}
