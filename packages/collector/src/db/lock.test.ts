import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRollcallError } from '../errors.ts';
import { DirectoryLock, LOCK_FILE, lockHolder } from './lock.ts';
import { ownIdentity } from './process-identity.ts';

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
    expect((error as Error).message).toMatch(new RegExp(`in use by pid ${process.pid} \\(\`rollcall serve\` serving http://127.0.0.1:8080, since [^)]+\\)`));

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

  it('takes over a lock naming this pid that another process wrote (a container restarted as pid 1)', () => {
    const dir = tempDir();
    const previous = { ...ownIdentity(), instance: 'the-crashed-one', command: 'serve', startedAt: '2026-01-01T00:00:00Z', url: 'http://127.0.0.1:8080' };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(previous));
    expect(lockHolder(dir)).toBeUndefined();
    const lock = DirectoryLock.acquire(dir, 'serve');
    expect(lock.staleHolder).toEqual(previous);
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, command: 'serve', instance: ownIdentity().instance });
    lock.release();
  });

  it.skipIf(process.platform !== 'linux')('tells the live process that holds a lock from a later one that reuses its pid', async () => {
    const dir = tempDir();
    const script = `const { DirectoryLock } = await import(${JSON.stringify(new URL('./lock.ts', import.meta.url).href)}); DirectoryLock.acquire(${JSON.stringify(dir)}, 'serve'); console.log('locked'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
        child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
      });
      expect(lockHolder(dir)).toMatchObject({ pid: child.pid, command: 'serve' });
      expect(() => DirectoryLock.acquire(dir, 'devices')).toThrow(/in use by pid/);

      // The same pid, but the lock says it started at another time: another process wrote it.
      const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ...holder, processStart: '1' }));
      expect(lockHolder(dir)).toBeUndefined();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
