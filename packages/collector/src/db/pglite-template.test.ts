import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newestMigration } from './migrations.ts';
import { openDatabase } from './open.ts';
import { copyPgliteTemplate, pgliteTemplateDir } from './pglite-template.ts';

const scratch = mkdtempSync(join(tmpdir(), 'rollcall-template-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('the PGlite template', () => {
  it('is made by the build for this PGlite version and the newest migration, and holds no lock', () => {
    const template = pgliteTemplateDir();
    expect(template.endsWith(`-${newestMigration()}`)).toBe(true);
    expect(existsSync(join(template, 'PG_VERSION')), `no template at ${template}: run \`pnpm build\``).toBe(true);
    expect(readdirSync(template)).not.toContain('rollcall.lock.json');
  });

  it('fills a new directory, which then opens without initdb or the migrator, private to its owner', async () => {
    const dir = join(scratch, 'new');
    const database = await openDatabase({ kind: 'pglite', dir }, 'test');
    try {
      expect(database.migrated).toBe(false);
      expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8')).toBe(readFileSync(join(pgliteTemplateDir(), 'PG_VERSION'), 'utf8'));
      expect(statSync(dir).mode & 0o077).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('leaves a directory that holds a cluster alone', () => {
    expect(copyPgliteTemplate(join(scratch, 'new'))).toBe(false);
  });
});
