import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';

const dir = join(mkdtempSync(join(tmpdir(), 'rollcall-open-')), 'db');
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

/** Every entry of the directory (itself included) that group or others may use. */
function openToOthers(): string[] {
  const entries = [dir, ...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isSymbolicLink()).map((e) => join(e.parentPath, e.name))];
  return entries.filter((path) => statSync(path).mode & 0o077);
}

describe.skipIf(process.platform === 'win32')('a PGlite data directory', () => {
  it('is private to its owner from the first start, whatever the umask', async () => {
    const umask = process.umask(0o022);
    try {
      const database = await openDatabase({ kind: 'pglite', dir }, 'test');
      await database.close();
      expect(database.notices).toEqual([]);
    } finally {
      process.umask(umask);
    }
    expect(readdirSync(dir).length).toBeGreaterThan(10);
    expect(openToOthers()).toEqual([]);
  });

  it('is made private again when found open, and says so once', async () => {
    chmodSync(dir, 0o755);
    for (const name of readdirSync(join(dir, 'global'))) chmodSync(join(dir, 'global', name), 0o666);
    const opened = await openDatabase({ kind: 'pglite', dir }, 'test');
    await opened.close();
    expect(opened.notices).toEqual([expect.stringMatching(new RegExp(`^made ${dir} private to its owner: \\d+ of its files and directories were open to other users$`))]);
    expect(openToOthers()).toEqual([]);

    const again = await openDatabase({ kind: 'pglite', dir }, 'test');
    await again.close();
    expect(again.notices).toEqual([]);
  });

  it('is opened once per process: a second open while the first is open is refused, naming the holder', async () => {
    const first = await openDatabase({ kind: 'pglite', dir }, 'test');
    try {
      await expect(openDatabase({ kind: 'pglite', dir }, 'test')).rejects.toMatchObject({ code: 'DB_BUSY', message: expect.stringContaining(`pid ${process.pid}`) });
    } finally {
      await first.close();
    }
  });
});
