import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

/**
 * One tab-separated line per package. The `\t`/`\n` are escapes dpkg-query expands itself, so the
 * argument is byte for byte what one would type in single quotes in a shell.
 *
 * dpkg records no install time. `${db-fsys:Last-Modified}` (dpkg 1.19.3 and later) is when the
 * package's file list, `/var/lib/dpkg/info/<package>[:<arch>].list`, was last written: when it
 * was installed or last upgraded, the install time other inventory agents report for dpkg.
 * Older dpkg prints nothing for it, and the parser reads the file's time itself.
 */
const SHOW_FORMAT = '${Package}\\t${Version}\\t${Architecture}\\t${db:Status-Abbrev}\\t${Maintainer}\\t${Section}\\t${db-fsys:Last-Modified}\\n';
const FIELD_COUNT = 5;

/**
 * `${db:Status-Abbrev}` is three letters: wanted action, current state, error flag (`ii `, `hi `,
 * `rc `). Only the current state says whether the files are on disk: `i` installed, `t`/`W`
 * installed with trigger processing pending (seen while apt runs). The wanted action is ignored so
 * that held packages (`hi`) are reported too.
 */
const INSTALLED_STATES = new Set(['i', 't', 'W']);

/** `non-free/libs` → `libs`: the archive area is not what the package is. */
const withoutArea = (section: string): string => section.slice(section.lastIndexOf('/') + 1);

/** `Jane Doe <jane@example.org>` → `Jane Doe`. */
const withoutEmail = (maintainer: string): string => maintainer.replace(/<[^>]*>/g, '').trim();

/** Where dpkg keeps each package's file list. */
export const DPKG_INFO_DIR = '/var/lib/dpkg/info';

/** The time of the package's file list (`name:arch.list` for Multi-Arch packages, else `name.list`); 0 if there is none. */
function listModifiedMs(infoDir: string, name: string, arch: string): number {
  for (const file of [`${name}:${arch}.list`, `${name}.list`]) {
    try {
      return Math.floor(statSync(join(infoDir, file)).mtimeMs / 1000) * 1000;
    } catch {
      // not this name; try the next
    }
  }
  return 0;
}

/**
 * Parses `dpkg-query -W` output in the {@link SHOW_FORMAT} layout; skips removed and malformed
 * lines. Where dpkg printed no time (before 1.19.3) the file list in `infoDir` is looked at.
 */
export function parseDpkgQuery(stdout: string, infoDir = DPKG_INFO_DIR): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.split('\t').map((field) => field.trim());
    if (fields.length < FIELD_COUNT) continue;
    const [name = '', version = '', arch = '', status = '', maintainer = '', section = '', listModified = ''] = fields;
    if (name === '' || !INSTALLED_STATES.has(status.charAt(1))) continue;
    entries.push({
      name,
      version,
      publisher: withoutEmail(maintainer),
      installedAtMs: /^\d+$/.test(listModified) ? Number(listModified) * 1000 : listModifiedMs(infoDir, name, arch),
      source: 'dpkg',
      arch,
      location: '',
      section: withoutArea(section),
    });
  }
  return entries;
}

export const dpkgProbe: SoftwareProbe = {
  source: 'dpkg',
  platforms: ['linux'],
  command: 'dpkg-query',
  args: ['-W', `--showformat=${SHOW_FORMAT}`],
  parse: (stdout) => parseDpkgQuery(stdout),
};
