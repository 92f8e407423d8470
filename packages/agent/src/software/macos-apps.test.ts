import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { macosAppsProbe, parseMacosApps } from './macos-apps.ts';
import type { SoftwareEntry } from './types.ts';

const report = readFileSync(new URL('./fixtures/system_profiler-apps.json', import.meta.url), 'utf8');

function app(fields: Pick<SoftwareEntry, 'name'> & Partial<SoftwareEntry>): SoftwareEntry {
  return { version: '', publisher: '', installedAtMs: 0, source: 'macos', arch: '', location: '', ...fields };
}

describe('parseMacosApps', () => {
  it('reads every named application of a system_profiler report', () => {
    expect(parseMacosApps(report)).toEqual([
      app({
        name: 'Safari',
        version: '17.4',
        publisher: 'Apple',
        installedAtMs: Date.UTC(2024, 2, 7, 9, 12, 44),
        arch: 'universal',
        location: '/Applications/Safari.app',
      }),
      app({
        name: 'Google Chrome',
        version: '124.0.6367.91',
        publisher: 'Google LLC',
        installedAtMs: Date.UTC(2024, 3, 26, 16, 3, 11),
        arch: 'universal',
        location: '/Applications/Google Chrome.app',
      }),
      app({
        name: 'Docker',
        version: '4.29.0',
        publisher: 'Docker Inc',
        installedAtMs: Date.UTC(2024, 3, 8, 12, 45, 2),
        arch: 'arm64',
        location: '/Applications/Docker.app',
      }),
      // Signed by the App Store, not by its vendor: the publisher is unknown.
      app({
        name: 'Amphetamine',
        version: '5.3.2',
        installedAtMs: Date.UTC(2023, 10, 20, 21, 37, 58),
        arch: 'universal',
        location: '/Applications/Amphetamine.app',
      }),
      app({
        name: 'Steam',
        version: '1.0',
        publisher: 'Valve Corporation',
        installedAtMs: Date.UTC(2023, 5, 14, 8, 0, 19),
        arch: 'x86_64',
        location: '/Applications/Steam.app',
      }),
      // Unsigned, no version.
      app({
        name: "Zoë's Tool ✓",
        installedAtMs: Date.UTC(2022, 0, 31, 23, 59, 59),
        arch: 'x86_64',
        location: "/Users/zoe/Applications/Zoë's Tool ✓.app",
      }),
      app({
        name: 'Automator Application Stub',
        version: '1.3',
        publisher: 'Apple',
        installedAtMs: Date.UTC(2024, 2, 7, 9, 12, 44),
        arch: 'universal',
        location: '/System/Library/CoreServices/Automator Application Stub.app',
      }),
      // The last application has no _name and is skipped.
    ]);
  });

  it('reads a team-less Developer ID and leaves odd fields empty instead of dropping the app', () => {
    const odd = {
      SPApplicationsDataType: [
        { _name: 'Foo', signed_by: ['Developer ID Application: Foo Inc'], lastModified: 'yesterday', arch_kind: 'arch_ios' },
        { _name: 'Bar', version: 2, signed_by: 'not a list', path: ['/Applications/Bar.app'] },
        { _name: '   ' },
        'not an application',
      ],
    };
    expect(parseMacosApps(JSON.stringify(odd))).toEqual([app({ name: 'Foo', publisher: 'Foo Inc' }), app({ name: 'Bar' })]);
  });

  it('reads a report with no applications', () => {
    expect(parseMacosApps('{\n  "SPApplicationsDataType" : [\n\n  ]\n}\n')).toEqual([]);
  });

  it('throws an error naming the probe when the output is not a report', () => {
    expect(() => parseMacosApps(report.slice(0, 200))).toThrow(/^macos probe: /);
    expect(() => parseMacosApps('{"SPSoftwareDataType":[]}')).toThrow(/^macos probe: /);
  });

  it('runs system_profiler on macOS only', () => {
    expect(macosAppsProbe).toMatchObject({
      source: 'macos',
      platforms: ['darwin'],
      command: 'system_profiler',
      args: ['SPApplicationsDataType', '-json'],
    });
  });
});
