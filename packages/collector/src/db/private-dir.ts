import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes a data directory private to its owner whatever the umask: the directory is created 0700,
 * and group and other permissions are taken from it and everything in it. PGlite unpacks its initial cluster with mode 0666,
 * and those files hold everything the collector stores, the enrolment token included.
 * Returns how many entries had been open to other users. A no-op on Windows (no modes there).
 */
export function makePrivate(dir: string): number {
  if (process.platform === 'win32') return 0;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
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
