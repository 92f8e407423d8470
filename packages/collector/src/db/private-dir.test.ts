import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRollcallError } from '../errors.ts';
import { makePrivate } from './private-dir.ts';

const scratch: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-private-'));
  scratch.push(dir);
  return dir;
};
afterEach(() => scratch.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('makePrivate', () => {
  it('creates a missing directory 0700 whatever the umask', () => {
    const dir = join(tempDir(), 'a', 'db');
    const umask = process.umask(0);
    try {
      expect(makePrivate(dir)).toBe(0);
    } finally {
      process.umask(umask);
    }
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, '..'))).toBe(0o700);
  });

  it('takes group and other permissions from the directory and everything in it, and counts what it changed', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'base', '1'), { recursive: true });
    writeFileSync(join(dir, 'base', '1', '1259'), 'x');
    writeFileSync(join(dir, 'PG_VERSION'), '18');
    writeFileSync(join(dir, 'private'), 'x', { mode: 0o600 });
    chmodSync(join(dir, 'base', '1', '1259'), 0o666);
    chmodSync(join(dir, 'PG_VERSION'), 0o644);
    chmodSync(join(dir, 'base'), 0o777);
    chmodSync(dir, 0o755);
    const outside = join(tempDir(), 'outside');
    writeFileSync(outside, 'x', { mode: 0o644 });
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(dir, 'link'));

    expect(makePrivate(dir)).toBe(5); // the directory, base, base/1, 1259 and PG_VERSION
    expect([dir, join(dir, 'base'), join(dir, 'base', '1')].map(mode)).toEqual([0o700, 0o700, 0o700]);
    expect([join(dir, 'base', '1', '1259'), join(dir, 'PG_VERSION'), join(dir, 'private')].map(mode)).toEqual([0o600, 0o600, 0o600]);
    expect(mode(outside)).toBe(0o644); // a link is not followed out of the directory
    expect(makePrivate(dir)).toBe(0);
  });

  it.skipIf(process.platform !== 'linux')('says which directory it cannot create, where a parent refuses children', () => {
    // Node's own recursive mkdir never returns here.
    let error: unknown;
    try {
      makePrivate('/proc/1/rollcall-db');
    } catch (e) {
      error = e;
    }
    expect(isRollcallError(error) && error.code).toBe('BAD_INPUT');
    expect((error as Error).message).toMatch(/^cannot create the database directory \/proc\/1\/rollcall-db: .*pass --db/);
  });
});
