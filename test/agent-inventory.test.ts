import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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

  // What FusionInventory 2.6 reports on this machine kind, and the host's own tools show.
  it.runIf(hasDpkg && process.platform === 'linux')('reports the host as its own tools show it: lsblk\'s disk, dpkg install times, no made-up memory module', async () => {
    const result = await run(BIN.agent, ['inventory', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const inventory = JSON.parse(result.stdout) as {
      disks: { device: string; sizeBytes: number }[];
      memory: { totalBytes: number; modules: unknown[] };
      os: { serial: string };
      machineId: string;
      software: { name: string; arch: string; source: string; installedAtMs: number }[];
    };
    const { blockdevices } = JSON.parse(execFileSync('lsblk', ['-J', '-b', '--nodeps', '-o', 'NAME,TYPE,SIZE'], { encoding: 'utf8' })) as { blockdevices: { name: string; type: string; size: number }[] };
    const disks = blockdevices.filter((d) => d.type === 'disk' && existsSync(`/sys/block/${d.name}/device`));
    expect(disks.length).toBeGreaterThan(0);
    for (const d of disks) expect(inventory.disks).toContainEqual(expect.objectContaining({ device: `/dev/${d.name}`, sizeBytes: Number(d.size) }));

    const dpkg = inventory.software.find((p) => p.name === 'dpkg' && p.source === 'dpkg')!;
    const list = ['dpkg:' + dpkg.arch + '.list', 'dpkg.list'].map((f) => `/var/lib/dpkg/info/${f}`).find((f) => existsSync(f))!;
    expect(dpkg.installedAtMs).toBe(Math.floor(statSync(list).mtimeMs / 1000) * 1000);

    if (!existsSync('/sys/firmware/dmi/tables/DMI')) expect(inventory.memory.modules).toEqual([]);
    expect(inventory.os.serial).toBe('');
    expect(inventory.machineId).not.toBe('');

    const table = await run(BIN.agent, ['inventory']);
    expect(table.stdout).not.toMatch(/Disks: none|no access/);
    expect(table.stdout).toContain(`/dev/${disks[0]!.name}`);
  });
});
