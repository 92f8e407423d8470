import type { SoftwareEntry, SoftwareProbe } from './types.ts';

/**
 * One tab-separated line per package. The `\t`/`\n` are escapes rpm expands itself, so the
 * argument is byte for byte what one would type in single quotes in a shell.
 */
const QUERY_FORMAT = '%{NAME}\\t%{EPOCH}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\t%{INSTALLTIME}\\n';
const FIELD_COUNT = 5;

/** rpm prints `(none)` for a tag the header lacks (no epoch, no vendor, no arch on gpg-pubkey). */
const NONE = '(none)';

/** Imported signing keys are listed as packages named `gpg-pubkey`; they are not software. */
const PSEUDO_PACKAGES = new Set(['gpg-pubkey']);

const orEmpty = (value: string): string => (value === NONE ? '' : value);

/** SUSE's vendor is `SUSE LLC <https://www.suse.com/>`; the bracketed URL is not part of the name. */
const withoutBracketed = (vendor: string): string => vendor.replace(/<[^>]*>/g, '').trim();

/** Parses `rpm -qa --queryformat` output in the {@link QUERY_FORMAT} layout; skips malformed lines. */
export function parseRpmQuery(stdout: string): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.split('\t').map((field) => field.trim());
    if (fields.length < FIELD_COUNT) continue;
    const [name = '', epochVersion = '', arch = '', vendor = '', installTime = ''] = fields;
    if (name === '' || PSEUDO_PACKAGES.has(name)) continue;
    entries.push({
      name,
      version: epochVersion.startsWith(`${NONE}:`) ? epochVersion.slice(NONE.length + 1) : epochVersion,
      publisher: withoutBracketed(orEmpty(vendor)),
      installedAtMs: /^\d+$/.test(installTime) ? Number(installTime) * 1000 : 0,
      source: 'rpm',
      arch: orEmpty(arch),
      location: '',
    });
  }
  return entries;
}

export const rpmProbe: SoftwareProbe = {
  source: 'rpm',
  platforms: ['linux'],
  command: 'rpm',
  args: ['-qa', '--queryformat', QUERY_FORMAT],
  parse: parseRpmQuery,
};
