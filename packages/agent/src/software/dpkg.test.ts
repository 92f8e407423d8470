import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DPKG_INFO_DIR, dpkgProbe, parseDpkgQuery } from './dpkg.ts';

const fixture = readFileSync(new URL('./fixtures/dpkg.txt', import.meta.url), 'utf8');

/** A dpkg info directory of another machine: one `.list` file per package, with the given time. */
const infoDir = mkdtempSync(join(tmpdir(), 'rollcall-dpkg-info-'));
afterAll(() => rmSync(infoDir, { recursive: true, force: true }));
const listFile = (file: string, seconds: number) => {
  writeFileSync(join(infoDir, file), '/.\n');
  utimesSync(join(infoDir, file), seconds, seconds);
};
listFile('zlib1g:amd64.list', 1_700_000_000); // Multi-Arch: same, named with its architecture
listFile('adduser.list', 1_690_000_000); // arch all: named without
listFile('htop:i386.list', 1_680_000_000); // another architecture's copy, not htop:amd64's

describe('parseDpkgQuery', () => {
  it('reads installed, held and trigger-pending packages with the time of their file list, epochs kept, e-mails and archive areas (non-free/) dropped', () => {
    expect(parseDpkgQuery(fixture)).toEqual([
      { name: 'adduser', version: '3.134', publisher: 'Debian Adduser Developers', installedAtMs: 1714000000000, source: 'dpkg', arch: 'all', location: '', section: 'admin' },
      { name: 'base-files', version: '12.4+deb12u7', publisher: 'Santiago Vila', installedAtMs: 1714086437000, source: 'dpkg', arch: 'amd64', location: '', section: 'admin' },
      { name: 'ca-certificates', version: '20230311', publisher: 'Julien Cristau', installedAtMs: 1714172874000, source: 'dpkg', arch: 'all', location: '', section: 'misc' },
      { name: 'code', version: '1.92.2-1723660989', publisher: 'Microsoft Corporation', installedAtMs: 1714259311000, source: 'dpkg', arch: 'amd64', location: '', section: 'devel' },
      { name: 'docker-ce', version: '5:27.1.2-1~debian.12~bookworm', publisher: 'Docker', installedAtMs: 1714345748000, source: 'dpkg', arch: 'amd64', location: '', section: 'admin' },
      { name: 'libc6', version: '2.36-9+deb12u8', publisher: 'GNU Libc Maintainers', installedAtMs: 1714432185000, source: 'dpkg', arch: 'amd64', location: '', section: 'libs' },
      { name: 'libc6', version: '2.36-9+deb12u8', publisher: 'GNU Libc Maintainers', installedAtMs: 1714518622000, source: 'dpkg', arch: 'i386', location: '', section: 'libs' },
      { name: 'libmaxminddb0', version: '1.7.1-1', publisher: 'Faidon Liambotis', installedAtMs: 1714605059000, source: 'dpkg', arch: 'amd64', location: '', section: 'libs' },
      { name: 'linux-image-6.1.0-23-amd64', version: '6.1.99-1', publisher: 'Debian Kernel Team', installedAtMs: 1714777933000, source: 'dpkg', arch: 'amd64', location: '', section: 'kernel' },
      { name: 'man-db', version: '2.11.2-2', publisher: 'Colin Watson', installedAtMs: 1714864370000, source: 'dpkg', arch: 'amd64', location: '', section: 'doc' },
      { name: 'openssh-client', version: '1:9.2p1-2+deb12u3', publisher: 'Debian OpenSSH Maintainers', installedAtMs: 1715123681000, source: 'dpkg', arch: 'amd64', location: '', section: 'net' },
      { name: 'python3-certifi', version: '2022.9.24-1', publisher: 'Debian Python Team', installedAtMs: 1715296555000, source: 'dpkg', arch: 'all', location: '', section: 'python' },
      { name: 'rollcall-agent', version: '0.1.0', publisher: 'Rollcall Ops', installedAtMs: 1715382992000, source: 'dpkg', arch: 'all', location: '', section: '' },
      { name: 'tzdata', version: '2024a-0+deb12u1', publisher: 'GNU Libc Maintainers', installedAtMs: 1715469429000, source: 'dpkg', arch: 'all', location: '', section: 'localization' },
      { name: 'unattended-upgrades', version: '2.9.1+nmu3', publisher: 'Michael Vogt', installedAtMs: 1715555866000, source: 'dpkg', arch: 'all', location: '', section: 'admin' },
      { name: 'vim-tiny', version: '2:9.0.1378-2', publisher: 'Debian Vim Maintainers', installedAtMs: 1715642303000, source: 'dpkg', arch: 'amd64', location: '', section: 'editors' },
      { name: 'xxd', version: '2:9.0.1378-2', publisher: 'Ondřej Surý', installedAtMs: 1715728740000, source: 'dpkg', arch: 'amd64', location: '', section: 'editors' },
      { name: 'zlib1g', version: '1:1.2.13.dfsg-1', publisher: '', installedAtMs: 1715815177000, source: 'dpkg', arch: 'amd64', location: '', section: 'libs' },
    ]);
  });

  it('skips removed (rc), unknown (un), half-configured (iF) and truncated lines', () => {
    const names = parseDpkgQuery(fixture).map((entry) => entry.name);
    expect(names).not.toContain('linux-image-6.1.0-21-amd64');
    expect(names).not.toContain('mysql-server');
    expect(names).not.toContain('php8.2-cli');
    expect(names).not.toContain('truncated-line');
  });

  it('reads the time of the package\'s file list itself where dpkg (before 1.19.3) prints none', () => {
    const oldDpkg = [
      'zlib1g\t1:1.2.13.dfsg-1\tamd64\tii \t\tlibs\t',
      'adduser\t3.134\tall\tii \tDebian Adduser Developers <adduser@packages.debian.org>\tadmin\t',
      'htop\t3.2.2-2\tamd64\tii \tDaniel Lange <DLange@debian.org>\tutils\t',
    ].join('\n');
    expect(parseDpkgQuery(oldDpkg, infoDir).map((entry) => [entry.name, entry.installedAtMs])).toEqual([
      ['zlib1g', 1_700_000_000_000],
      ['adduser', 1_690_000_000_000],
      ['htop', 0], // no file list of its own: unknown, not another package's time
    ]);
    // A time dpkg printed is taken as it is.
    expect(parseDpkgQuery('adduser\t3.134\tall\tii \t\tadmin\t1714000000', infoDir)[0]?.installedAtMs).toBe(1_714_000_000_000);
  });

  it('reads a line without the section field as a package without a section', () => {
    expect(parseDpkgQuery('htop\t3.2.2-2\tamd64\tii \tDaniel Lange <DLange@debian.org>\n', infoDir)).toEqual([
      { name: 'htop', version: '3.2.2-2', publisher: 'Daniel Lange', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: '' },
    ]);
  });

  it('reads CRLF output the same and returns nothing for empty output', () => {
    expect(parseDpkgQuery(fixture.replace(/\r?\n/g, '\r\n'))).toEqual(parseDpkgQuery(fixture));
    expect(parseDpkgQuery('')).toEqual([]);
    expect(parseDpkgQuery('\n\n')).toEqual([]);
  });
});

const hasDpkgQuery = (() => {
  try {
    execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dpkgQuery = (args: string[]) =>
  execFileSync('dpkg-query', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe.skipIf(!hasDpkgQuery)('dpkgProbe on this machine', () => {
  it('runs as declared and lists dpkg itself with the version and arch dpkg-query reports', () => {
    const stdout = execFileSync(dpkgProbe.command, dpkgProbe.args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const dpkg = dpkgProbe.parse(stdout).find((entry) => entry.name === 'dpkg');
    expect(dpkg?.version).not.toBe('');
    expect(dpkg?.arch).not.toBe('');
    expect(dpkg).toEqual({
      name: 'dpkg',
      version: dpkgQuery(['-W', '--showformat=${Version}', 'dpkg']),
      publisher: expect.any(String),
      installedAtMs: expect.any(Number),
      source: 'dpkg',
      arch: dpkgQuery(['-W', '--showformat=${Architecture}', 'dpkg']),
      location: '',
      section: dpkgQuery(['-W', '--showformat=${Section}', 'dpkg']).replace(/^.*\//, ''),
    });
  });

  it('lists exactly the packages whose current status is installed (second status letter i, t or W)', () => {
    const entries = dpkgProbe.parse(execFileSync(dpkgProbe.command, dpkgProbe.args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    const statuses = dpkgQuery(['-W', '--showformat=${db:Status-Abbrev}\\n']).split('\n');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries).toHaveLength(statuses.filter((status) => /^.[itW]/.test(status)).length);
    // Every plain `ii` package is among them; any difference is held (`hi`) or trigger-pending ones.
    expect(entries.length).toBeGreaterThanOrEqual(statuses.filter((status) => status.startsWith('ii')).length);
  });

  it('dates every package by the time of its file list in /var/lib/dpkg/info, as the host shows it', () => {
    const entries = dpkgProbe.parse(execFileSync(dpkgProbe.command, dpkgProbe.args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    const listTime = (name: string, arch: string) => {
      for (const file of [`${name}:${arch}.list`, `${name}.list`]) {
        try {
          return Math.floor(statSync(join(DPKG_INFO_DIR, file)).mtimeMs / 1000) * 1000;
        } catch {
          // try the other name
        }
      }
      return 0;
    };
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((entry) => [entry.name, entry.arch, entry.installedAtMs])).toEqual(
      entries.map((entry) => [entry.name, entry.arch, listTime(entry.name, entry.arch)]),
    );
    expect(entries.every((entry) => entry.installedAtMs > 0)).toBe(true);
  });
});
