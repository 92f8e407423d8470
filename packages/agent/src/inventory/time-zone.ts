import { readFileSync, readlinkSync } from 'node:fs';

/**
 * An IANA zone name (Europe/Berlin, UTC, Etc/GMT+5), or one of the IANA names that look like POSIX
 * rules. Other POSIX rules (CET-1CEST,M3.5.0,M10.5.0/3) name no zone the collector could use.
 */
export function isIanaZoneName(name: string): boolean {
  return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name) || /^(EST5EDT|CST6CDT|MST7MDT|PST8PDT|GMT[+-]?0)$/.test(name);
}

/** Where the machine says its zone is; each read throws when the file is missing or not a link. */
export interface TimeZoneSources {
  env: Record<string, string | undefined>;
  readlink(path: string): string;
  readFile(path: string): string;
}

/** The zone name in a tz database path: /usr/share/zoneinfo/Europe/Berlin, /var/db/timezone/zoneinfo/posix/Europe/Berlin. */
function zoneOfPath(path: string): string {
  const at = path.lastIndexOf('zoneinfo/');
  if (at < 0) return '';
  const zone = path.slice(at + 'zoneinfo/'.length).replace(/^(posix|right)\//, '');
  return isIanaZoneName(zone) ? zone : '';
}

const attempt = (read: () => string): string => {
  try {
    return read();
  } catch {
    return '';
  }
};

/**
 * The IANA name of the zone the machine's clock runs in (Linux, macOS), '' when unknown: $TZ if it
 * names a zone (`:Europe/Berlin` as glibc reads it, or a zoneinfo path), else the zoneinfo file
 * /etc/localtime links to, else the first line of /etc/timezone (Debian; /etc/localtime may be a
 * copy there). Files, not Intl: Intl's time-zone support maps ~8 MB of ICU data into the process.
 */
export function resolveTimeZone({ env, readlink, readFile }: TimeZoneSources): string {
  const tz = (env.TZ ?? '').trim().replace(/^:/, '');
  if (isIanaZoneName(tz)) return tz;
  if (tz.includes('zoneinfo/') && zoneOfPath(tz)) return zoneOfPath(tz);
  const linked = zoneOfPath(attempt(() => readlink('/etc/localtime')));
  if (linked) return linked;
  const named = attempt(() => readFile('/etc/timezone')).split('\n')[0]!.trim();
  return isIanaZoneName(named) ? named : '';
}

/** This machine's zone: from the files above on Linux and macOS; on Windows ICU maps the Windows zone to IANA. */
export function localTimeZone(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  return resolveTimeZone({ env: process.env, readlink: (path) => readlinkSync(path), readFile: (path) => readFileSync(path, 'utf8') });
}
