import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flatpakProbe, parseFlatpakList } from './flatpak.ts';

const fixture = readFileSync(new URL('./fixtures/flatpak-list.txt', import.meta.url), 'utf8');

describe('parseFlatpakList', () => {
  it('reads one entry per app and installation, location `origin:installation`', () => {
    expect(parseFlatpakList(fixture)).toEqual([
      { name: 'Flatseal', version: '2.2.0', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'x86_64', location: 'flathub:user' },
      { name: 'Steam', version: '1.0.0.79', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'x86_64', location: 'flathub:system' },
      { name: 'GNU Image Manipulation Program', version: '2.10.38', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'x86_64', location: 'flathub:system' },
      { name: 'Déjà Dup Backups', version: '46.1', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'x86_64', location: 'flathub:system' },
      { name: 'Kdenlive', version: '24.05.2', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'x86_64', location: 'flathub:system' },
      { name: 'Kdenlive', version: '24.08.0', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'x86_64', location: 'flathub-beta:system' },
      { name: 'Internal', version: '', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'aarch64', location: 'corp-apps:system' },
      { name: 'Zoom', version: '6.1.6.1013', publisher: '', installedAtMs: 0, source: 'flatpak', arch: 'x86_64', location: 'flathub:user' },
    ]);
  });

  it('skips a header line, falls back to the app ID for a missing name and tolerates missing trailing cells', () => {
    const output = 'Application ID\tName\tVersion\tArch\tOrigin\tInstallation\norg.example.NoName\t\t1.0\nnot-an-app-id\tJunk\n';
    expect(parseFlatpakList(output)).toEqual([
      { name: 'org.example.NoName', version: '1.0', publisher: '', installedAtMs: 0, source: 'flatpak', arch: '', location: '' },
    ]);
  });

  it('reads CRLF output the same, and the lone newline flatpak prints for no apps as none', () => {
    expect(parseFlatpakList(fixture.replace(/\r?\n/g, '\r\n'))).toEqual(parseFlatpakList(fixture));
    expect(parseFlatpakList('\n')).toEqual([]);
  });

  it('asks for the columns the parser reads, in its order', () => {
    expect(flatpakProbe.args).toEqual(['list', '--app', '--columns=application,name,version,arch,origin,installation']);
  });
});
