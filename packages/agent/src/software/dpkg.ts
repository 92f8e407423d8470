import type { SoftwareEntry, SoftwareProbe } from './types.ts';

/**
 * One tab-separated line per package. The `\t`/`\n` are escapes dpkg-query expands itself, so the
 * argument is byte for byte what one would type in single quotes in a shell.
 */
const SHOW_FORMAT = '${Package}\\t${Version}\\t${Architecture}\\t${db:Status-Abbrev}\\t${Maintainer}\\t${Section}\\n';
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

/** Parses `dpkg-query -W` output in the {@link SHOW_FORMAT} layout; skips removed and malformed lines. */
export function parseDpkgQuery(stdout: string): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.split('\t').map((field) => field.trim());
    if (fields.length < FIELD_COUNT) continue;
    const [name = '', version = '', arch = '', status = '', maintainer = '', section = ''] = fields;
    if (name === '' || !INSTALLED_STATES.has(status.charAt(1))) continue;
    entries.push({
      name,
      version,
      publisher: withoutEmail(maintainer),
      installedAtMs: 0, // dpkg keeps no install time
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
  parse: parseDpkgQuery,
};
