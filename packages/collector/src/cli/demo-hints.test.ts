import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dbArgument, rollcallCommand, shellWord } from './demo-hints.ts';

describe('demo hints', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-hints-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const withProgram = (dir: string, name: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
    return dir;
  };
  const PNPM = 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64';

  it('runs rollcall again the way it was started', () => {
    const installed = withProgram(join(scratch, 'usr-bin'), 'pnpm');
    // pnpm's own and npx's directories are on a script's PATH, not on the user's.
    const npxCache = withProgram(join(scratch, '_npx', 'abc', 'node_modules', '.bin'), 'pnpm');
    const projectBin = withProgram(join(scratch, 'repo', 'node_modules', '.bin'), 'rollcall');
    expect(rollcallCommand({ npm_config_user_agent: PNPM, PATH: `${npxCache}:/nonexistent:${installed}` }, '/x')).toBe('pnpm rollcall');
    expect(rollcallCommand({ npm_config_user_agent: PNPM, PATH: `${npxCache}:${projectBin}` }, '/x')).toBe('npx -y pnpm@10.34.9 rollcall');
    expect(rollcallCommand({ PATH: withProgram(join(scratch, 'global'), 'rollcall') }, '/x')).toBe('rollcall');
    expect(rollcallCommand({ PATH: projectBin }, join(scratch, 'my tools', 'rollcall.js'))).toBe(`'${join(scratch, 'my tools', 'rollcall.js')}'`);
  });

  it('passes the database only when it is not the default, quoted for the shell', () => {
    expect(dbArgument({ kind: 'pglite', dir: resolve('.rollcall/db') }, false)).toBe('');
    expect(dbArgument({ kind: 'pglite', dir: "/data/it's here" }, true)).toBe(` --db '/data/it'\\''s here'`);
    expect(dbArgument({ kind: 'postgres', url: 'postgres://ro@db:5432/rollcall?sslmode=require' }, false)).toBe(" --db 'postgres://ro@db:5432/rollcall?sslmode=require'");
    expect(dbArgument({ kind: 'postgres', url: 'postgres://u:secret@db/rollcall' }, true)).toBe(' --db postgres://u:secret@db/rollcall');
    expect(dbArgument({ kind: 'postgres', url: 'postgres://u:secret@db/rollcall' }, false)).toBe(' --db "$ROLLCALL_DB"'); // no password printed from the environment
    expect(shellWord('lab-07.corp.example')).toBe('lab-07.corp.example');
  });
});
