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
  macs: string[];
  /** Locally administered (randomised) MACs: never match, but may key an otherwise unknown device. */
  localMacs: string[];
  /** MACs that were reported but can never identify (zero, broadcast, multicast, known junk). */
  junkMacs: string[];
  hostname: string | null;
  ips: string[];
  vendor: string | null;
  model: string | null;
}

export function normalizeObservation(observation: Observation, index: number): NormalizedObservation {
  const macs: string[] = [];
  const localMacs: string[] = [];
  const junkMacs: string[] = [];
  for (const raw of observation.macs) {
    const mac = normalizeMac(raw);
    if (!mac) continue;
    const bucket = isIdentifyingMac(mac) ? macs : macKind(mac) === 'local' ? localMacs : junkMacs;
    if (!bucket.includes(mac)) bucket.push(mac);
  }
  const uuid = validUuid(observation.uuid);
  return {
    index,
    source: observation.source,
    seenAt: observation.seenAt.getTime(),
    serial: validSerial(observation.serial),
    uuid,
    uuidKey: uuid ? uuidKey(uuid) : null,
    macs,
    localMacs,
    junkMacs,
    hostname: normalizeHostname(observation.hostname),
    ips: observation.ips,
    vendor: observation.vendor,
    model: observation.model,
  };
}
