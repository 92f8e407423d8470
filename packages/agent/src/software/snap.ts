import type { SoftwareEntry, SoftwareProbe } from './types.ts';

// `snap list` prints a table aligned with spaces:
//   Name    Version   Rev    Tracking       Publisher     Notes
//   core22  20240111  1122   latest/stable  canonical**   base
// No cell contains a space (snapd validates names, versions, channels and usernames), and an empty
// cell is printed as `-`, so splitting on runs of whitespace yields the columns.

/** Revisions are numbers, or `x1`, `x2`… for snaps installed from a local file. */
const REVISION = /^x?\d+$/;

/**
 * Publisher badges: `✓` verified and `✪` starred on a UTF-8 terminal, `**` and `*` otherwise
 * (which is what a probe, whose stdout is a pipe, gets).
 */
const PUBLISHER_BADGE = /(?:✓|✪|\*+)$/;

/** Colour codes appear only with `--color=always` or a terminal; stripped so they never leak. */
const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;

const dashAsEmpty = (cell: string): string => (cell === '-' ? '' : cell);

/**
 * Parses `snap list` output; skips the header (any language) and disabled rows. Without `--all`
 * there is one row per snap, so a `disabled` row is a snap someone ran `snap disable` on: still on
 * disk, but inactive. With `--all` it would be an old revision kept for rollback.
 */
export function parseSnapList(stdout: string): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  for (const line of stdout.replace(ANSI_ESCAPE, '').split('\n')) {
    // Columns: Name Version Rev Tracking Publisher Notes (Tracking is not needed).
    const [name = '', version = '', revision = '', , publisher = '', notes = ''] = line.trim().split(/\s+/);
    // The header's Rev cell (translated) is not a revision, so this skips it without knowing the locale.
    if (name === '' || !REVISION.test(revision)) continue;
    if (notes.split(',').includes('disabled')) continue;
    entries.push({
      name,
      version: dashAsEmpty(version),
      publisher: dashAsEmpty(publisher.replace(PUBLISHER_BADGE, '')),
      installedAtMs: 0, // snap list shows no install time
      source: 'snap',
      arch: '', // nor an architecture
      location: '',
    });
  }
  return entries;
}

export const snapProbe: SoftwareProbe = {
  source: 'snap',
  platforms: ['linux'],
  command: 'snap',
  args: ['list'],
  parse: parseSnapList,
};
