import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSnapList } from './snap.ts';

const readFixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

// Disabled snaps (old-tool, spotify) are left out; `-` cells become ''.
const expected = [
  { name: 'bare', version: '1.0', publisher: 'canonical', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'code', version: 'fee1edb8', publisher: 'vscode', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'core22', version: '20240731', publisher: 'canonical', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'firefox', version: '129.0.2-1', publisher: 'mozilla', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'gnome-42-2204', version: '0+git.510a601-sc-18', publisher: 'canonical', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'lxd', version: '5.21.2-2f4ba6b', publisher: 'canonical', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'my-tool', version: '0.3', publisher: '', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'nextcloud', version: '29.0.4snap1', publisher: 'nextcloud', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'pdftk', version: '', publisher: 'jdoe', installedAtMs: 0, source: 'snap', arch: '', location: '' },
  { name: 'snapd', version: '2.63', publisher: 'canonical', installedAtMs: 0, source: 'snap', arch: '', location: '' },
];

describe('parseSnapList', () => {
  it('reads the piped table (ASCII badges ** and *), skipping the header and disabled snaps', () => {
    expect(parseSnapList(readFixture('snap-list.txt'))).toEqual(expected);
  });

  it('reads the terminal table (colour codes, ✓ and ✪ badges) the same', () => {
    expect(parseSnapList(readFixture('snap-list-tty.txt'))).toEqual(expected);
  });

  it('reads CRLF, trailing spaces and blank lines the same, and no output as no snaps', () => {
    const messy = `\n${readFixture('snap-list.txt').replace(/\n/g, '   \r\n')}\n\n`;
    expect(parseSnapList(messy)).toEqual(expected);
    expect(parseSnapList('')).toEqual([]);
  });

  it('skips the header in any language', () => {
    const german = 'Name     Version  Rev  Verfolgung     Herausgeber  Hinweise\nhello    2.10     42   latest/stable  canonical**  -\n';
    expect(parseSnapList(german)).toEqual([
      { name: 'hello', version: '2.10', publisher: 'canonical', installedAtMs: 0, source: 'snap', arch: '', location: '' },
    ]);
  });
});
