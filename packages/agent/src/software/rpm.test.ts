import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRpmQuery, rpmProbe } from './rpm.ts';

const fixture = readFileSync(new URL('./fixtures/rpm.txt', import.meta.url), 'utf8');

describe('parseRpmQuery', () => {
  it('reads name, epoch:version-release, arch, vendor and install time (seconds → ms)', () => {
    expect(parseRpmQuery(fixture)).toEqual([
      { name: 'NetworkManager', version: '1:1.46.2-1.fc40', publisher: 'Fedora Project', installedAtMs: 1721138417000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'bash', version: '5.2.26-3.fc40', publisher: 'Fedora Project', installedAtMs: 1713906012000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'glibc', version: '2.39-17.fc40', publisher: 'Fedora Project', installedAtMs: 1721138390000, source: 'rpm', arch: 'i686', location: '' },
      { name: 'glibc', version: '2.39-17.fc40', publisher: 'Fedora Project', installedAtMs: 1721138388000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'google-chrome-stable', version: '127.0.6533.119-1', publisher: 'Google Inc.', installedAtMs: 1723493772000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'kernel-core', version: '6.9.12-200.fc40', publisher: 'Fedora Project', installedAtMs: 1722416940000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'kernel-core', version: '6.10.3-200.fc40', publisher: 'Fedora Project', installedAtMs: 1723026153000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'libzypp', version: '17.35.1-150600.3.3.1', publisher: 'SUSE LLC', installedAtMs: 1721814001000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'perl-Errno', version: '0:1.38-506.fc40', publisher: 'Fedora Project', installedAtMs: 1713906070000, source: 'rpm', arch: 'x86_64', location: '' },
      { name: 'python3-dnf', version: '4.21.0-1.fc40', publisher: 'Fedora Project', installedAtMs: 1721138520000, source: 'rpm', arch: 'noarch', location: '' },
      { name: 'rollcall-agent', version: '0.1.0-1', publisher: '', installedAtMs: 1724000000000, source: 'rpm', arch: 'noarch', location: '' },
      { name: 'werkzeug-müller', version: '2.0-1', publisher: 'Müller & Söhne GmbH', installedAtMs: 0, source: 'rpm', arch: 'noarch', location: '' },
      { name: 'zoom', version: '6.1.6.1013-1', publisher: 'Zoom Video Communications, Inc.', installedAtMs: 1723110000000, source: 'rpm', arch: 'x86_64', location: '' },
    ]);
  });

  it('skips gpg-pubkey pseudo-packages and truncated lines', () => {
    const names = parseRpmQuery(fixture).map((entry) => entry.name);
    expect(names).not.toContain('gpg-pubkey');
    expect(names).not.toContain('half-a-line');
  });

  it('reads CRLF output the same and returns nothing for empty output', () => {
    expect(parseRpmQuery(fixture.replace(/\r?\n/g, '\r\n'))).toEqual(parseRpmQuery(fixture));
    expect(parseRpmQuery('')).toEqual([]);
  });

  it('passes the query format as one argument, with the escapes rpm expands itself', () => {
    expect(rpmProbe.command).toBe('rpm');
    expect(rpmProbe.args).toEqual(['-qa', '--queryformat', '%{NAME}\\t%{EPOCH}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\t%{INSTALLTIME}\\n']);
  });
});
