import { canonicalMac } from '@rollcall/protocol';

export type MacKind = 'universal' | 'local' | 'multicast' | 'zero' | 'broadcast';

// A MAC that firmware of some USB/virtual adapters reports for every unit ("RAS" adapters).
const JUNK_MACS = new Set(['20:41:53:59:4e:ff']);

export const normalizeMac = canonicalMac;

/** What kind of address a canonical MAC is; only `universal` ones are burnt-in and stable. */
export function macKind(mac: string): MacKind {
  if (mac === '00:00:00:00:00:00') return 'zero';
  if (mac === 'ff:ff:ff:ff:ff:ff') return 'broadcast';
  // The two flag bits sit in the first octet's low hex digit (no slice and parse: this runs for
  // every MAC of every sighting and register entry).
  const c = mac.charCodeAt(1);
  const low = c <= 57 ? c - 48 : c - 87;
  if (low & 0x01) return 'multicast';
  if (low & 0x02) return 'local'; // locally administered: randomised or virtual
  return 'universal';
}

/** True when a MAC may serve as an identifier at all (shared-MAC detection comes on top). */
export function isIdentifyingMac(mac: string): boolean {
  return macKind(mac) === 'universal' && !JUNK_MACS.has(mac);
}
