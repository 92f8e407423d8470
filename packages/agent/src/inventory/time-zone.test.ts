import { readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isIanaZoneName, localTimeZone, resolveTimeZone, type TimeZoneSources } from './time-zone.ts';

/** A machine with these files; a path that is not listed is missing (readlink of a plain file throws too). */
function machine(options: { env?: Record<string, string>; links?: Record<string, string>; files?: Record<string, string> }): TimeZoneSources {
  const lookup = (table: Record<string, string> | undefined) => (path: string) => {
    const value = table?.[path];
    if (value === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return value;
  };
  return { env: options.env ?? {}, readlink: lookup(options.links), readFile: lookup(options.files) };
}

describe('isIanaZoneName', () => {
  it('accepts zone names, including the IANA ones shaped like POSIX rules', () => {
    for (const name of ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5', 'America/Port-au-Prince', 'EST5EDT', 'PST8PDT', 'GMT0'])
      expect(isIanaZoneName(name), name).toBe(true);
  });

  it('rejects POSIX rules, paths and empty names', () => {
    for (const name of ['CET-1CEST,M3.5.0,M10.5.0/3', 'JST-9', '/etc/localtime', ':Europe/Berlin', '', 'Europe/', '../etc/passwd'])
      expect(isIanaZoneName(name), name).toBe(false);
  });
});

describe('resolveTimeZone', () => {
  const debian = { links: { '/etc/localtime': '/usr/share/zoneinfo/Europe/Berlin' }, files: { '/etc/timezone': 'Europe/Berlin\n' } };

  it('takes $TZ when it names a zone, before the files', () => {
    expect(resolveTimeZone(machine({ ...debian, env: { TZ: 'America/New_York' } }))).toBe('America/New_York');
    expect(resolveTimeZone(machine({ ...debian, env: { TZ: 'EST5EDT' } }))).toBe('EST5EDT');
    expect(resolveTimeZone(machine({ ...debian, env: { TZ: ':Asia/Tokyo' } }))).toBe('Asia/Tokyo'); // glibc's ':' prefix
    expect(resolveTimeZone(machine({ ...debian, env: { TZ: ':/usr/share/zoneinfo/Asia/Kolkata' } }))).toBe('Asia/Kolkata');
  });

  it('falls back to the files when $TZ is a POSIX rule, /etc/localtime or empty', () => {
    for (const TZ of ['CET-1CEST,M3.5.0,M10.5.0/3', ':/etc/localtime', '', '  '])
      expect(resolveTimeZone(machine({ ...debian, env: { TZ } })), TZ).toBe('Europe/Berlin');
  });

  it('reads the zone from where /etc/localtime links to', () => {
    const linkedTo = (target: string) => resolveTimeZone(machine({ links: { '/etc/localtime': target } }));
    expect(linkedTo('/usr/share/zoneinfo/Europe/Berlin')).toBe('Europe/Berlin'); // Debian, Fedora
    expect(linkedTo('../usr/share/zoneinfo/America/Sao_Paulo')).toBe('America/Sao_Paulo'); // relative link
    expect(linkedTo('/var/db/timezone/zoneinfo/Australia/Sydney')).toBe('Australia/Sydney'); // macOS
    expect(linkedTo('/usr/share/zoneinfo/posix/Europe/Paris')).toBe('Europe/Paris');
    expect(linkedTo('/usr/share/zoneinfo/Etc/UTC')).toBe('Etc/UTC');
    expect(linkedTo('/etc/zoneinfo/Asia/Singapore')).toBe('Asia/Singapore'); // NixOS
  });

  it('uses the first line of /etc/timezone when /etc/localtime is a plain file or links elsewhere', () => {
    expect(resolveTimeZone(machine({ files: { '/etc/timezone': 'Europe/Vienna\n# ignored\n' } }))).toBe('Europe/Vienna');
    expect(resolveTimeZone(machine({ links: { '/etc/localtime': '/opt/tz/custom' }, files: { '/etc/timezone': 'Europe/Vienna' } }))).toBe('Europe/Vienna');
  });

  it('is empty when nothing names a zone', () => {
    expect(resolveTimeZone(machine({}))).toBe('');
    expect(resolveTimeZone(machine({ env: { TZ: 'JST-9' }, files: { '/etc/timezone': '\n' } }))).toBe('');
    expect(resolveTimeZone(machine({ links: { '/etc/localtime': '/opt/tz/custom' }, files: { '/etc/timezone': 'not a zone\n' } }))).toBe('');
  });
});

describe('localTimeZone on this machine', () => {
  it.runIf(process.platform === 'linux' && !process.env.TZ)('names the zone /etc/localtime links to', () => {
    const viaFiles = (() => {
      try {
        return readlinkSync('/etc/localtime').split('zoneinfo/')[1] ?? '';
      } catch {
        return readFileSync('/etc/timezone', 'utf8').split('\n')[0]!.trim();
      }
    })();
    expect(localTimeZone()).toBe(viaFiles);
    expect(localTimeZone()).not.toBe('');
  });

  it('on Windows asks ICU', () => {
    expect(localTimeZone('win32')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
