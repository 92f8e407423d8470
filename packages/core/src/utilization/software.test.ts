import { describe, expect, it } from 'vitest';
import { isLibraryPackage, meteredTooBrieflyReason, meterSoftware, normalizeTitle } from './software.ts';

const DAY = 86_400_000;
const AS_OF = Date.parse('2026-11-23T00:00:00Z');
const ago = (days: number) => AS_OF - days * DAY;

describe('normalizeTitle', () => {
  it('drops versions, architectures and punctuation', () => {
    expect(normalizeTitle('Google Chrome')).toBe('google chrome');
    expect(normalizeTitle('Mozilla Firefox (x64 en-US)')).toBe('mozilla firefox');
    expect(normalizeTitle('Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33135')).toBe('microsoft visual c++ 2015 2022 redistributable');
    expect(normalizeTitle('Zoom Workplace 6.2.11')).toBe('zoom workplace');
  });
});

describe('isLibraryPackage', () => {
  it('takes code libraries, fonts, translations, docs, debug symbols and kernels for components, by their section', () => {
    for (const [name, section] of [['libc6', 'libs'], ['libssl-dev', 'libdevel'], ['fonts-dejavu-core', 'fonts'], ['tzdata', 'localization'], ['man-db', 'doc'], ['linux-image-6.1.0-23-amd64', 'kernel'], ['libnvidia-gl', 'non-free/libs'], ['gir1.2-glib-2.0', 'introspection']]) {
      expect(isLibraryPackage({ name: name!, section }), `${name} (${section})`).toBe(true);
    }
  });

  it('tells modules from interpreters in language sections, and keeps applications (libreoffice is not a lib*)', () => {
    for (const [name, section] of [['python3-certifi', 'python'], ['libwww-perl', 'perl'], ['ruby-json', 'ruby'], ['node-semver', 'javascript'], ['golang-golang-x-net-dev', 'golang']]) {
      expect(isLibraryPackage({ name: name!, section }), `${name} (${section})`).toBe(true);
    }
    for (const [name, section] of [['python3', 'python'], ['perl', 'perl'], ['php8.2-cli', 'php'], ['nodejs', 'javascript'], ['libreoffice-writer', 'editors'], ['code', 'devel'], ['htop', 'utils']]) {
      expect(isLibraryPackage({ name: name!, section }), `${name} (${section})`).toBe(false);
    }
  });

  it('calls nothing a library without a section (Windows, macOS, snap, rpm)', () => {
    expect(isLibraryPackage({ name: 'libfoo' })).toBe(false);
    expect(isLibraryPackage({ name: 'Microsoft Visual C++ 2015-2022 Redistributable', section: null })).toBe(false);
  });
});

describe('meterSoftware', () => {
  const devices = [
    {
      agentId: 'pc-1',
      meteredFromMs: ago(365),
      installed: [{ name: 'Google Chrome', publisher: 'Google LLC' }, { name: 'Adobe Acrobat (64-bit)', publisher: 'Adobe' }, { name: 'htop', publisher: null }],
      ran: [{ atMs: ago(2), processes: ['chrome.exe', 'explorer.exe'] }, { atMs: ago(60), processes: ['Acrobat.exe'] }],
    },
    {
      agentId: 'pc-2',
      meteredFromMs: ago(365),
      installed: [{ name: 'Google Chrome', publisher: 'Google LLC' }, { name: 'Adobe Acrobat (64-bit)', publisher: 'Adobe' }],
      ran: [{ atMs: ago(120), processes: ['chrome'] }],
    },
    { agentId: 'srv-1', meteredFromMs: ago(365), installed: [{ name: 'htop', publisher: null }], ran: [{ atMs: ago(1), processes: ['htop', 'sshd'] }] },
  ];

  it('counts installs, recent use and where each title sits unused (by hand)', () => {
    expect(meterSoftware(devices, { asOfMs: AS_OF, unusedDays: 90 })).toEqual([
      // Most unused first, then most installed, then by title.
      // Acrobat: ran 60 days ago on pc-1 only.
      { title: 'adobe acrobat', publisher: 'Adobe', installs: 2, usedIn30Days: 0, usedIn90Days: 1, unusedOn: ['pc-2'], meteredTooBrieflyOn: [], library: false },
      // Chrome: ran 2 days ago on pc-1 (rule chrome → google chrome), 120 days ago on pc-2.
      { title: 'google chrome', publisher: 'Google LLC', installs: 2, usedIn30Days: 1, usedIn90Days: 1, unusedOn: ['pc-2'], meteredTooBrieflyOn: [], library: false },
      // htop: its executable has its name; pc-1 never ran it.
      { title: 'htop', publisher: null, installs: 2, usedIn30Days: 1, usedIn90Days: 1, unusedOn: ['pc-1'], meteredTooBrieflyOn: [], library: false },
    ]);
  });

  it('calls a title unused only on devices metered for the whole window', () => {
    // A new laptop's agent enrolled 10 days ago: what it has not run yet may still be run.
    const fleet = [
      { agentId: 'old', meteredFromMs: ago(200), installed: [{ name: 'Zoom', publisher: 'Zoom' }], ran: [] },
      { agentId: 'new', meteredFromMs: ago(10), installed: [{ name: 'Zoom', publisher: 'Zoom' }], ran: [] },
      // Exactly the window: metered for all 90 days, so it is judged.
      { agentId: 'edge', meteredFromMs: ago(90), installed: [{ name: 'Zoom', publisher: 'Zoom' }], ran: [] },
      { agentId: 'used', meteredFromMs: ago(3), installed: [{ name: 'Zoom', publisher: 'Zoom' }], ran: [{ atMs: ago(1), processes: ['zoom'] }] },
    ];
    expect(meterSoftware(fleet, { asOfMs: AS_OF, unusedDays: 90 })).toEqual([
      { title: 'zoom', publisher: 'Zoom', installs: 4, usedIn30Days: 1, usedIn90Days: 1, unusedOn: ['edge', 'old'], meteredTooBrieflyOn: ['new'], library: false },
    ]);
    // A shorter window judges the new one too.
    expect(meterSoftware(fleet, { asOfMs: AS_OF, unusedDays: 7 })[0]).toMatchObject({ unusedOn: ['edge', 'new', 'old'], meteredTooBrieflyOn: [] });
  });

  it('says when the briefly metered devices began to be metered, and labels the cut-off as such', () => {
    // AS_OF is 2026-11-23: a 90-day window needs metering since 2026-08-25; one agent enrolled 10 days ago.
    expect(meteredTooBrieflyReason([{ meteredFromMs: ago(200) }, { meteredFromMs: ago(10) }], { asOfMs: AS_OF, unusedDays: 90 })).toBe(
      '1 of them has been metered for less than 90 days, since 2026-11-13 (to be judged, a device must be metered since 2026-08-25 or earlier): nothing is called unused there yet',
    );
    expect(meteredTooBrieflyReason([{ meteredFromMs: ago(10) }, { meteredFromMs: ago(40) + 3_600_000 }, { meteredFromMs: ago(90) }], { asOfMs: AS_OF, unusedDays: 90 })).toBe(
      '2 of them have been metered for less than 90 days, since dates from 2026-10-14 to 2026-11-13 (to be judged, a device must be metered since 2026-08-25 or earlier): nothing is called unused there yet',
    );
    expect(meteredTooBrieflyReason([{ meteredFromMs: ago(200) }], { asOfMs: AS_OF, unusedDays: 90 })).toBeNull();
  });

  it('marks a title a library only when every install of it is in a library section', () => {
    const fleet = [
      { agentId: 'deb-1', meteredFromMs: ago(365), installed: [{ name: 'libssl3', publisher: null, section: 'libs' }, { name: 'htop', publisher: null, section: 'utils' }], ran: [] },
      // The same name from a source without sections: it might be run, so it is metered.
      { agentId: 'mac-1', meteredFromMs: ago(365), installed: [{ name: 'htop', publisher: null }], ran: [] },
    ];
    expect(meterSoftware(fleet, { asOfMs: AS_OF, unusedDays: 90 }).map((t) => [t.title, t.installs, t.library])).toEqual([
      ['htop', 2, false],
      ['libssl3', 1, true],
    ]);
  });

  it('takes extra rules for executables named unlike their title', () => {
    const custom = [{ agentId: 'pc-9', meteredFromMs: ago(365), installed: [{ name: 'Contoso CAD Suite 2025', publisher: 'Contoso' }], ran: [{ atMs: ago(3), processes: ['ccad64.exe'] }] }];
    expect(meterSoftware(custom, { asOfMs: AS_OF, unusedDays: 30 })[0]!.unusedOn).toEqual(['pc-9']);
    expect(meterSoftware(custom, { asOfMs: AS_OF, unusedDays: 30, rules: [{ process: 'ccad64', title: 'Contoso CAD Suite' }] })[0]!.unusedOn).toEqual([]);
  });
});
