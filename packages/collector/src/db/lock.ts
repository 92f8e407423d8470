import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';
import { isRunning, ownIdentity } from './process-identity.ts';

export const LOCK_FILE = 'rollcall.lock.json';

const Holder = z.object({
  pid: z.number().int().positive(),
  command: z.string(),
  startedAt: z.string(),
  /** Set by `rollcall serve`: where other commands reach the data through the HTTP API. */
  url: z.string().optional(),
  // Which process of that pid (see process-identity.ts); absent in locks of older versions.
  instance: z.string().optional(),
  bootId: z.string().optional(),
  processStart: z.string().optional(),
});

export type LockHolder = z.infer<typeof Holder>;

/**
 * PGlite is one process per data directory; a second opener would corrupt it. Every rollcall
 * process that opens a PGlite directory first creates this lock file. It is written to a temp
 * file and hard-linked into place, which is atomic and fails if the lock exists, so a reader
 * never sees a half-written lock. A lock whose process is gone — or whose pid now belongs to
 * another process, as after a container restart where every collector is pid 1 — is stale and
 * taken over; `staleHolder` then says whose it was.
 */
export class DirectoryLock {
  private released = false;

  private constructor(
    readonly file: string,
    private holder: LockHolder,
    /** The previous holder, when this lock took over a stale one. */
    readonly staleHolder?: LockHolder,
  ) {}

  static acquire(dir: string, command: string): DirectoryLock {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, LOCK_FILE);
    const holder: LockHolder = { ...ownIdentity(), command, startedAt: new Date().toISOString() };
    let stale: LockHolder | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(holder), { mode: 0o600 });
      try {
        linkSync(temp, file);
        const lock = new DirectoryLock(file, holder, stale);
        process.once('exit', () => lock.release());
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        rmSync(temp, { force: true });
      }
      const current = readHolder(file);
      if (current && isRunning(current)) throw busyError(dir, current);
      stale = current;
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
    if (current?.pid === process.pid && current.instance === this.holder.instance) rmSync(this.file, { force: true });
  }
}

/** Who holds the directory's lock right now, if a live process does. */
export function lockHolder(dir: string): LockHolder | undefined {
  const holder = readHolder(join(dir, LOCK_FILE));
  return holder && isRunning(holder) ? holder : undefined;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = Holder.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // missing or unreadable: nobody can be relying on it
  }
}

function busyError(dir: string, holder: LockHolder): RollcallError {
  const where = holder.url ? ` serving ${holder.url}` : '';
  return new RollcallError(
    'DB_BUSY',
    `the database ${dir} is in use by pid ${holder.pid} (\`rollcall ${holder.command}\`${where}, since ${holder.startedAt}); ` +
      (holder.url ? 'use that server, or stop it first' : 'wait for it to finish, or stop it first') +
      `. If no such process runs, remove ${join(dir, LOCK_FILE)} and try again`,
    { details: { holder } },
  );
}
