import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { RollcallError } from '../errors.ts';

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

export const DEFAULT_PGLITE_DIR = './.rollcall/db';

/** `--db` value, else $ROLLCALL_DB, else ./.rollcall/db: a postgres:// URL or a PGlite directory. */
export function databaseTarget(value?: string): DatabaseTarget {
  const raw = value || process.env.ROLLCALL_DB || DEFAULT_PGLITE_DIR;
  const option = value ? '--db' : process.env.ROLLCALL_DB ? '$ROLLCALL_DB' : '--db';
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      [url.username, url.password, url.pathname].forEach((part) => decodeURIComponent(part)); // as the driver will
    } catch {
      throw new RollcallError('BAD_INPUT', `${option}: not a valid postgres:// URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE, special characters percent-encoded)`);
    }
    return { kind: 'postgres', url: raw };
  }
  const dir = resolve(raw);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new RollcallError('BAD_INPUT', `${option} ${dir}: not a directory; name a PGlite data directory (created if missing) or a postgres:// URL`);
  }
  return { kind: 'pglite', dir };
}

/** The target as it may be shown to a person: never a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `PGlite at ${target.dir}`;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
