import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRollcallError } from '../errors.ts';
import { DirectoryLock, LOCK_FILE, lockHolder } from './lock.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('DirectoryLock', () => {
  it('lets one holder in and names it to the next, with its URL', () => {
    const dir = tempDir();
    const lock = DirectoryLock.acquire(dir, 'serve');
    lock.setUrl('http://127.0.0.1:8080');
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, command: 'serve', url: 'http://127.0.0.1:8080' });

    // Same pid counts as alive, so a second acquire from here is refused like any other.
    let error: unknown;
    try {
      DirectoryLock.acquire(dir, 'devices');
    } catch (e) {
      error = e;
    }
    expect(isRollcallError(error) && error.code).toBe('DB_BUSY');
    expect((error as Error).message).toMatch(new RegExp(`in use by pid ${process.pid} \\(\`rollcall serve\` serving http://127.0.0.1:8080\\)`));

    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(lockHolder(dir)).toBeUndefined();
  });

  it('takes over a lock whose process is gone', () => {
    const dir = tempDir();
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, command: 'serve', startedAt: '2026-01-01T00:00:00Z', url: 'http://x' }));
    expect(lockHolder(dir)).toBeUndefined();
    const lock = DirectoryLock.acquire(dir, 'devices');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'devices' });
    lock.release();
  });

  it('does not remove a lock it no longer holds', () => {
    const dir = tempDir();
    const lock = DirectoryLock.acquire(dir, 'serve');
    const other = { pid: 1, command: 'serve', startedAt: '2026-01-01T00:00:00Z' };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other));
    lock.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual(other);
  });
});
