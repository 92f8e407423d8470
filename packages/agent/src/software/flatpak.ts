import type { SoftwareEntry, SoftwareProbe } from './types.ts';

/**
 * Asked for by name, in this order. `arch` is not needed to identify the app but fills
 * {@link SoftwareEntry.arch}. When stdout is not a terminal flatpak prints one tab-separated line
 * per app, no header, no padding or ellipsis, and right-trims each line (so trailing empty cells
 * can be missing).
 */
const COLUMNS = ['application', 'name', 'version', 'arch', 'origin', 'installation'] as const;

/** Flatpak app IDs are reverse-DNS with at least three parts (`org.gimp.GIMP`); a header cell is not. */
const APP_ID = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+){2,}$/;

/**
 * Parses `flatpak list --app --columns=…` output. An app installed both system-wide and per user,
 * or on two branches, is listed (and reported) once per installation/branch.
 *
 * Flatpak has no publisher, so publisher is ''. The location is `origin:installation`, e.g.
 * `flathub:system` or `flathub:user`: the remote the app came from and the installation holding
 * it, which together say where it lives and who serves its updates.
 */
export function parseFlatpakList(stdout: string): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  for (const line of stdout.split('\n')) {
    const [appId = '', name = '', version = '', arch = '', origin = '', installation = ''] = line
      .split('\t')
      .map((cell) => cell.trim());
    // Also skips a header line, should flatpak ever print one (`Application ID` has a space).
    if (!APP_ID.test(appId)) continue;
    entries.push({
      name: name || appId,
      version,
      publisher: '',
      installedAtMs: 0, // flatpak list shows no install time
      source: 'flatpak',
      arch,
      location: origin || installation ? `${origin}:${installation}` : '',
    });
  }
  return entries;
}

export const flatpakProbe: SoftwareProbe = {
  source: 'flatpak',
  platforms: ['linux'],
  command: 'flatpak',
  args: ['list', '--app', `--columns=${COLUMNS.join(',')}`],
  parse: parseFlatpakList,
};
