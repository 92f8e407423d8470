import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apkProbe, parseApkInstalledDb } from './apk.ts';

const fixture = readFileSync(new URL('./fixtures/apk-installed.txt', import.meta.url), 'utf8');

describe('parseApkInstalledDb', () => {
  it('reads one entry per package block: name, version, arch, maintainer without e-mail', () => {
    expect(parseApkInstalledDb(fixture)).toEqual([
      { name: 'musl', version: '1.2.5-r0', publisher: 'Timo Teräs', installedAtMs: 0, source: 'apk', arch: 'x86_64', location: '' },
      { name: 'busybox', version: '1.36.1-r29', publisher: 'Sören Tempel', installedAtMs: 0, source: 'apk', arch: 'x86_64', location: '' },
      { name: 'ca-certificates-bundle', version: '20240705-r0', publisher: 'Natanael Copa', installedAtMs: 0, source: 'apk', arch: 'x86_64', location: '' },
      { name: 'py3-setuptools', version: '70.3.0-r0', publisher: 'Fabian Affolter', installedAtMs: 0, source: 'apk', arch: 'noarch', location: '' },
      { name: 'font-noto-cjk', version: '0_git20220127-r0', publisher: 'Kevin Daudt', installedAtMs: 0, source: 'apk', arch: 'noarch', location: '' },
      { name: 'rollcall-agent', version: '0.1.0-r0', publisher: '', installedAtMs: 0, source: 'apk', arch: 'x86_64', location: '' },
      { name: 'half-written', version: '', publisher: '', installedAtMs: 0, source: 'apk', arch: 'aarch64', location: '' },
    ]);
  });

  it('starts a new package at a second P: line even without a blank line between', () => {
    expect(parseApkInstalledDb('P:zlib\nV:1.3.1-r1\nA:x86_64\nP:xz-libs\nV:5.6.2-r0\nA:x86_64\n')).toEqual([
      { name: 'zlib', version: '1.3.1-r1', publisher: '', installedAtMs: 0, source: 'apk', arch: 'x86_64', location: '' },
      { name: 'xz-libs', version: '5.6.2-r0', publisher: '', installedAtMs: 0, source: 'apk', arch: 'x86_64', location: '' },
    ]);
  });

  it('reads CRLF input the same and returns nothing for an empty or missing database', () => {
    expect(parseApkInstalledDb(fixture.replace(/\r?\n/g, '\r\n'))).toEqual(parseApkInstalledDb(fixture));
    expect(parseApkInstalledDb('')).toEqual([]);
    expect(parseApkInstalledDb('\n\n')).toEqual([]);
  });

  it('reads the database file through cat', () => {
    expect(apkProbe.command).toBe('cat');
    expect(apkProbe.args).toEqual(['/lib/apk/db/installed']);
  });
});
