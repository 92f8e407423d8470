import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dpkgProbe, parseDpkgQuery } from './dpkg.ts';

const fixture = readFileSync(new URL('./fixtures/dpkg.txt', import.meta.url), 'utf8');

describe('parseDpkgQuery', () => {
  it('reads installed, held and trigger-pending packages, epochs kept, e-mails and archive areas (non-free/) dropped', () => {
    expect(parseDpkgQuery(fixture)).toEqual([
      { name: 'adduser', version: '3.134', publisher: 'Debian Adduser Developers', installedAtMs: 0, source: 'dpkg', arch: 'all', location: '', section: 'admin' },
      { name: 'base-files', version: '12.4+deb12u7', publisher: 'Santiago Vila', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'admin' },
      { name: 'ca-certificates', version: '20230311', publisher: 'Julien Cristau', installedAtMs: 0, source: 'dpkg', arch: 'all', location: '', section: 'misc' },
      { name: 'code', version: '1.92.2-1723660989', publisher: 'Microsoft Corporation', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'devel' },
      { name: 'docker-ce', version: '5:27.1.2-1~debian.12~bookworm', publisher: 'Docker', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'admin' },
      { name: 'libc6', version: '2.36-9+deb12u8', publisher: 'GNU Libc Maintainers', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'libs' },
      { name: 'libc6', version: '2.36-9+deb12u8', publisher: 'GNU Libc Maintainers', installedAtMs: 0, source: 'dpkg', arch: 'i386', location: '', section: 'libs' },
      { name: 'libmaxminddb0', version: '1.7.1-1', publisher: 'Faidon Liambotis', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'libs' },
      { name: 'linux-image-6.1.0-23-amd64', version: '6.1.99-1', publisher: 'Debian Kernel Team', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'kernel' },
      { name: 'man-db', version: '2.11.2-2', publisher: 'Colin Watson', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'doc' },
      { name: 'openssh-client', version: '1:9.2p1-2+deb12u3', publisher: 'Debian OpenSSH Maintainers', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'net' },
      { name: 'python3-certifi', version: '2022.9.24-1', publisher: 'Debian Python Team', installedAtMs: 0, source: 'dpkg', arch: 'all', location: '', section: 'python' },
      { name: 'rollcall-agent', version: '0.1.0', publisher: 'Rollcall Ops', installedAtMs: 0, source: 'dpkg', arch: 'all', location: '', section: '' },
      { name: 'tzdata', version: '2024a-0+deb12u1', publisher: 'GNU Libc Maintainers', installedAtMs: 0, source: 'dpkg', arch: 'all', location: '', section: 'localization' },
      { name: 'unattended-upgrades', version: '2.9.1+nmu3', publisher: 'Michael Vogt', installedAtMs: 0, source: 'dpkg', arch: 'all', location: '', section: 'admin' },
      { name: 'vim-tiny', version: '2:9.0.1378-2', publisher: 'Debian Vim Maintainers', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'editors' },
      { name: 'xxd', version: '2:9.0.1378-2', publisher: 'Ondřej Surý', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'editors' },
      { name: 'zlib1g', version: '1:1.2.13.dfsg-1', publisher: '', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'libs' },
    ]);
  });

  it('skips removed (rc), unknown (un), half-configured (iF) and truncated lines', () => {
    const names = parseDpkgQuery(fixture).map((entry) => entry.name);
    expect(names).not.toContain('linux-image-6.1.0-21-amd64');
    expect(names).not.toContain('mysql-server');
    expect(names).not.toContain('php8.2-cli');
    expect(names).not.toContain('truncated-line');
  });

  it('reads a line without the section field as a package without a section', () => {
    expect(parseDpkgQuery('htop\t3.2.2-2\tamd64\tii \tDaniel Lange <DLange@debian.org>\n')).toEqual([
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
      installedAtMs: 0,
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
});
