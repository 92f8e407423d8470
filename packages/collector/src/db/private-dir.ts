import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RollcallError } from '../errors.ts';

/**
 * Makes a data directory private to its owner whatever the umask: the directory is created 0700,
 * and group and other permissions are taken from it and everything in it. PGlite unpacks its
 * initial cluster with mode 0666, and those files hold everything the collector stores, the
 * enrolment token included. Returns how many entries had been open to other users (none on
 * Windows, which has no such modes).
 */
export function makePrivate(dir: string): number {
  createDirectory(dir);
  if (process.platform === 'win32') return 0;
  let loosened = 0;
  const tighten = (path: string) => {
    const mode = lstatSync(path).mode & 0o7777;
    if ((mode & 0o077) === 0) return;
    chmodSync(path, mode & 0o700);
    loosened++;
  };
  tighten(dir);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue; // chmod would follow it out of the directory
    tighten(join(entry.parentPath, entry.name));
  }
  return loosened;
}

/**
 * Creates `dir` and its missing parents, each 0700. Not `mkdirSync(dir, { recursive: true })`:
 * Node's recursive mkdir loops for ever where a parent exists but refuses children (/proc/1/x).
 */
function createDirectory(dir: string): void {
  const missing: string[] = [];
  for (let path = dir; !existsSync(path) && dirname(path) !== path; path = dirname(path)) missing.unshift(path);
  for (const path of missing) {
    try {
      mkdirSync(path, { mode: 0o700 });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') continue; // made meanwhile by another process
      throw new RollcallError('BAD_INPUT', `cannot create the database directory ${dir}: ${(cause as Error).message}; pass --db with a directory you may write to`, { cause });
    }
  }
}
