import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, run } from './helpers/cli.ts';

const hasDpkg = (() => {
  try {
    execFileSync('dpkg-query', ['--version']);
    return true;
  } catch {
    console.warn('⚠⚠⚠ dpkg-query not found: the installed-software wiring test is SKIPPED (it needs a Debian-like host)');
    return false;
  }
})();

describe('rollcall-agent inventory', () => {
  it.skipIf(!hasDpkg)('lists installed packages with the versions the package manager reports', async () => {
    const result = await run(BIN.agent, ['inventory', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const inventory = JSON.parse(result.stdout) as { software: { name: string; version: string; source: string; arch: string; section: string }[] };
    const dpkg = inventory.software.find((p) => p.name === 'dpkg' && p.source === 'dpkg');
    expect(dpkg).toMatchObject({
      version: execFileSync('dpkg-query', ['-W', '-f=${Version}', 'dpkg'], { encoding: 'utf8' }),
      arch: execFileSync('dpkg-query', ['-W', '-f=${Architecture}', 'dpkg'], { encoding: 'utf8' }),
      section: execFileSync('dpkg-query', ['-W', '-f=${Section}', 'dpkg'], { encoding: 'utf8' }),
    });
    expect(inventory.software.filter((p) => p.source === 'dpkg').length).toBeGreaterThan(10);
  });

  it('summarises software by source in the table view', async () => {
    const result = await run(BIN.agent, ['inventory']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Software: \d+ packages/);
    expect(result.stdout).toMatch(/Frame size: \d+ bytes/);
  });
});
