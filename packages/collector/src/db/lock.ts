import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';

export const LOCK_FILE = 'rollcall.lock.json';

const Holder = z.object({
  pid: z.number().int().positive(),
  command: z.string(),
  startedAt: z.string(),
  /** Set by `rollcall serve`: where other commands reach the data through the HTTP API. */
  url: z.string().optional(),
});

export type LockHolder = z.infer<typeof Holder>;

/**
 * PGlite is one process per data directory; a second opener would corrupt it. Every rollcall
 * process that opens a PGlite directory first creates this lock file. It is written to a temp
 * file and hard-linked into place, which is atomic and fails if the lock exists, so a reader
 * never sees a half-written lock. A lock whose process is gone is stale and taken over.
 */
export class DirectoryLock {
  private released = false;

  private constructor(
    readonly file: string,
    private holder: LockHolder,
  ) {}

  static acquire(dir: string, command: string): DirectoryLock {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LOCK_FILE);
    const holder: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(holder), { mode: 0o600 });
      try {
        linkSync(temp, file);
        const lock = new DirectoryLock(file, holder);
        process.once('exit', () => lock.release());
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        rmSync(temp, { force: true });
      }
      const current = readHolder(file);
      if (current && isAlive(current.pid)) throw busyError(dir, current);
      rmSync(file, { force: true }); // stale: its process died without cleaning up
    }
    throw new RollcallError('DB_BUSY', `could not lock ${dir}: the lock file ${file} keeps reappearing`);
  }

  /** Publishes the server's URL so other commands use the API instead of the directory. */
  setUrl(url: string): void {
    this.holder = { ...this.holder, url };
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.holder), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const current = readHolder(this.file);
    if (current?.pid === process.pid) rmSync(this.file, { force: true });
  }
}

/** Who holds the directory's lock right now, if a live process does. */
export function lockHolder(dir: string): LockHolder | undefined {
  const holder = readHolder(join(dir, LOCK_FILE));
  return holder && isAlive(holder.pid) ? holder : undefined;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = Holder.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // missing or unreadable: nobody can be relying on it
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busyError(dir: string, holder: LockHolder): RollcallError {
  const where = holder.url ? ` serving ${holder.url}` : '';
  return new RollcallError(
    'DB_BUSY',
    `the database ${dir} is in use by pid ${holder.pid} (\`rollcall ${holder.command}\`${where}); ` +
      (holder.url ? 'use that server, or stop it first' : 'wait for it to finish, or stop it first'),
    { details: { holder } },
  );
}
