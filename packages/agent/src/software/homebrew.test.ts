import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { homebrewProbe, parseHomebrew } from './homebrew.ts';
import type { SoftwareEntry } from './types.ts';

const report = readFileSync(new URL('./fixtures/brew-info-installed.json', import.meta.url), 'utf8');

function brew(fields: Pick<SoftwareEntry, 'name' | 'version' | 'publisher' | 'installedAtMs'>): SoftwareEntry {
  return { source: 'homebrew', arch: '', location: '', ...fields };
}

describe('parseHomebrew', () => {
  it('reads the newest keg of every installed formula, then every installed cask', () => {
    expect(parseHomebrew(report)).toEqual([
      brew({ name: 'git', version: '2.44.0', publisher: 'homebrew/core', installedAtMs: 1709571203000 }),
      brew({ name: 'openssl@3', version: '3.3.0', publisher: 'homebrew/core', installedAtMs: 1712671722000 }),
      // Two kegs installed (3.12.2_1 and 3.12.3): the newest one.
      brew({ name: 'python@3.12', version: '3.12.3', publisher: 'homebrew/core', installedAtMs: 1713203520000 }),
      brew({ name: 'terraform', version: '1.8.2', publisher: 'hashicorp/tap', installedAtMs: 1714041987000 }),
      // An old install receipt without a time.
      brew({ name: 'jq', version: '1.7.1', publisher: 'homebrew/core', installedAtMs: 0 }),
      // wget lists no installed keg and is skipped.
      brew({
        name: 'Microsoft Visual Studio Code',
        version: '1.88.1',
        publisher: 'homebrew/cask',
        installedAtMs: 1712847600000,
      }),
      brew({ name: 'Docker Desktop', version: '4.29.0,145265', publisher: 'homebrew/cask', installedAtMs: 1712582702000 }),
      brew({ name: 'Übersicht', version: '1.6.77', publisher: 'homebrew/cask', installedAtMs: 1698834512000 }),
      // No name: the token.
      brew({ name: 'zoe-tool', version: 'latest', publisher: 'zoe/tools', installedAtMs: 0 }),
      // firefox is not installed (installed: null) and is skipped.
    ]);
  });

  it('reads a Linux report, where there are no casks, and a formula from a local file (no tap)', () => {
    const linux = {
      formulae: [{ name: 'hello', tap: null, installed: [{ version: '2.12.1', time: 1700000000 }] }],
      casks: [],
    };
    expect(parseHomebrew(JSON.stringify(linux))).toEqual([
      brew({ name: 'hello', version: '2.12.1', publisher: '', installedAtMs: 1700000000000 }),
    ]);
  });

  it('skips unreadable kegs and packages without dropping the rest', () => {
    const odd = {
      formulae: [
        { name: 'a', tap: 'homebrew/core', installed: [{ version: '1.0', time: 1 }, { version: '' }] },
        { name: 'b', tap: 'homebrew/core', installed: 'not a list' },
        { full_name: 'no-name' },
      ],
      casks: [{ token: 'c', name: 'C', tap: 7, installed: '3.0', installed_time: 'now' }, { token: 'd' }, null],
    };
    expect(parseHomebrew(JSON.stringify(odd))).toEqual([
      brew({ name: 'a', version: '1.0', publisher: 'homebrew/core', installedAtMs: 1000 }),
      brew({ name: 'c', version: '3.0', publisher: '', installedAtMs: 0 }),
    ]);
  });

  it('throws an error naming the probe when the output is not a report', () => {
    expect(() => parseHomebrew(report.slice(0, 300))).toThrow(/^homebrew probe: /);
    expect(() => parseHomebrew('[]')).toThrow(/^homebrew probe: /);
    expect(() => parseHomebrew('')).toThrow(/^homebrew probe: /);
  });

  it('runs brew on macOS and Linux', () => {
    expect(homebrewProbe).toMatchObject({
      source: 'homebrew',
      platforms: ['darwin', 'linux'],
      command: 'brew',
      args: ['info', '--json=v2', '--installed'],
    });
  });
});
