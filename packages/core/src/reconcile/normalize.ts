import { normalizeHostname } from '../identity/hostname.ts';
import { isIdentifyingMac, macKind, normalizeMac } from '../identity/mac.ts';
import { validSerial } from '../identity/serial.ts';
import { uuidKey, validUuid } from '../identity/uuid.ts';
import type { Observation } from './types.ts';

/** An observation with its identifiers normalised and sorted by what they can do. */
export interface NormalizedObservation {
  index: number;
  source: string;
  seenAt: number;
  serial: string | null;
  /** Display form and byte-order-independent key of a valid SMBIOS UUID. */
  uuid: string | null;
  uuidKey: string | null;
  /** Burnt-in MACs: may identify (unless shared, decided later). */
  macs: readonly string[];
  /** Locally administered (randomised) MACs: never match, but may key an otherwise unknown device. */
  localMacs: readonly string[];
  /** MACs that were reported but can never identify (zero, broadcast, multicast, known junk). */
  junkMacs: readonly string[];
  hostname: string | null;
  ips: readonly string[];
  vendor: string | null;
  model: string | null;
  switchPort: string | null;
}

/** Shared by every observation without such identifiers: never mutated (saves millions of allocations). */
export const NONE: readonly string[] = Object.freeze([]);

export function normalizeObservation(observation: Observation, index: number): NormalizedObservation {
  let macs = NONE;
  let localMacs = NONE;
  let junkMacs = NONE;
  for (const raw of observation.macs) {
    const mac = normalizeMac(raw);
    if (!mac) continue;
    if (isIdentifyingMac(mac)) {
      if (!macs.includes(mac)) macs = macs === NONE ? [mac] : [...macs, mac];
    } else if (macKind(mac) === 'local') {
      if (!localMacs.includes(mac)) localMacs = localMacs === NONE ? [mac] : [...localMacs, mac];
    } else if (!junkMacs.includes(mac)) {
      junkMacs = junkMacs === NONE ? [mac] : [...junkMacs, mac];
    }
  }
  const uuid = observation.uuid ? validUuid(observation.uuid) : null;
  return {
    index,
    source: observation.source,
    seenAt: observation.seenAt.getTime(),
    serial: observation.serial ? validSerial(observation.serial) : null,
    uuid,
    uuidKey: uuid ? uuidKey(uuid) : null,
    macs,
    localMacs,
    junkMacs,
    hostname: observation.hostname ? normalizeHostname(observation.hostname) : null,
    ips: observation.ips.length > 0 ? observation.ips : NONE,
    vendor: observation.vendor,
    model: observation.model,
    switchPort: observation.switchPort ?? null,
  };
}
