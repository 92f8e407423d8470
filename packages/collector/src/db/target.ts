import { resolve } from 'node:path';

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

export const DEFAULT_PGLITE_DIR = './.rollcall/db';

/** `--db` value, else $ROLLCALL_DB, else ./.rollcall/db: a postgres:// URL or a PGlite directory. */
export function databaseTarget(value?: string): DatabaseTarget {
  const raw = value || process.env.ROLLCALL_DB || DEFAULT_PGLITE_DIR;
  if (/^postgres(ql)?:\/\//i.test(raw)) return { kind: 'postgres', url: raw };
  return { kind: 'pglite', dir: resolve(raw) };
}

/** The target as it may be shown to a person: never a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `PGlite at ${target.dir}`;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
