import { isIP } from 'node:net';
import { canonicalMac } from '@rollcall/protocol';
import type { NeighbourEntry } from './types.ts';

/** The values {@link NeighbourEntry.state} takes. */
export type NeighbourState =
  | 'reachable'
  | 'stale'
  | 'delay'
  | 'probe'
  | 'failed'
  | 'incomplete'
  | 'permanent'
  | 'noarp'
  | 'unknown';

/** What a probe read from one line or object, before normalisation. */
export interface RawNeighbour {
  /** May carry a zone id (`fe80::1%eth0`). */
  ip: string;
  /** In any notation canonicalMac reads; null/'' when the tool shows none. */
  mac: string | null | undefined;
  interface: string;
  state: NeighbourState;
}

// Linux /proc/net/arp and Windows print all zeros where no MAC has been resolved yet.
const UNRESOLVED_MAC = '00:00:00:00:00:00';

/**
 * Builds the entry every probe reports: canonical MAC ('' when there is none), lower-case IP
 * without zone id, interface taken from the zone when the tool gave none. An entry without a MAC
 * is 'incomplete' unless the tool said resolution 'failed' (kept: that is worth knowing).
 * Returns null when the address is not an IP address (an odd line).
 */
export function neighbourEntry(raw: RawNeighbour): NeighbourEntry | null {
  const text = raw.ip.trim();
  const zoneAt = text.indexOf('%');
  const ip = (zoneAt === -1 ? text : text.slice(0, zoneAt)).toLowerCase();
  const zone = zoneAt === -1 ? '' : text.slice(zoneAt + 1);
  if (isIP(ip) === 0) return null;

  const canonical = canonicalMac(raw.mac);
  const mac = canonical === null || canonical === UNRESOLVED_MAC ? '' : canonical;
  return {
    ip,
    mac,
    interface: raw.interface.trim() || zone,
    state: mac === '' && raw.state !== 'failed' ? 'incomplete' : raw.state,
  };
}
