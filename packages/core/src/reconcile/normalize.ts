import { normalizeHostname } from '../identity/hostname.ts';
import { isIdentifyingMac, macKind, normalizeMac } from '../identity/mac.ts';
import { validSerial } from '../identity/serial.ts';
import { uuidKey, validUuid } from '../identity/uuid.ts';
import { numbers } from './numbers.ts';
import type { Observation } from './types.ts';

/** Shared by every observation without such identifiers: never mutated (saves millions of allocations). */
export const NONE: readonly string[] = Object.freeze([]);

/**
 * The observations a reconciliation uses, with their identifiers normalised and sorted by what
 * they can do. One column per field, indexed by sighting: a million sightings are a few arrays,
 * not a million objects that every young-generation collection would copy. Fields nothing
 * normalises (source, IPs, vendor, switch port) are read from the observation itself.
 */
export class Sightings {
  length = 0;
  readonly observation: Observation[];
  readonly seenAt: number[];
  readonly serial: (string | null)[];
  /** Display form and byte-order-independent key of a valid SMBIOS UUID. */
  readonly uuid: (string | null)[];
  readonly uuidKey: (string | null)[];
  /** Burnt-in MACs: may identify (unless shared, decided later). */
  readonly macs: (readonly string[])[];
  /** Locally administered (randomised) MACs: never match, but may key an otherwise unknown device. */
  readonly localMacs: (readonly string[])[];
  /** MACs that were reported but can never identify (zero, broadcast, multicast, known junk). */
  readonly junkMacs: (readonly string[])[];
  readonly hostname: (string | null)[];

  /** Room for `capacity` sightings: columns are sized once (pushing a million times costs 3× as much). */
  constructor(capacity: number) {
    this.observation = new Array(capacity);
    this.seenAt = numbers(capacity, NaN);
    this.serial = new Array(capacity);
    this.uuid = new Array(capacity);
    this.uuidKey = new Array(capacity);
    this.macs = new Array(capacity);
    this.localMacs = new Array(capacity);
    this.junkMacs = new Array(capacity);
    this.hostname = new Array(capacity);
  }

  add(observation: Observation): void {
    const i = this.length++;
    this.observation[i] = observation;
    this.seenAt[i] = observation.seenAt.getTime();
    this.serial[i] = observation.serial ? validSerial(observation.serial) : null;
    const uuid = observation.uuid ? validUuid(observation.uuid) : null;
    this.uuid[i] = uuid;
    this.uuidKey[i] = uuid ? uuidKey(uuid) : null;
    this.hostname[i] = observation.hostname ? normalizeHostname(observation.hostname) : null;
    if (allIdentifying(observation.macs)) {
      // The usual case (agents send canonical MACs): the observation's own array, no copy.
      this.macs[i] = observation.macs.length > 0 ? observation.macs : NONE;
      this.localMacs[i] = NONE;
      this.junkMacs[i] = NONE;
    } else {
      this.sortMacs(i, observation.macs);
    }
  }

  private sortMacs(i: number, raw: readonly string[]): void {
    let macs = NONE;
    let localMacs = NONE;
    let junkMacs = NONE;
    for (const text of raw) {
      const mac = normalizeMac(text);
      if (!mac) continue;
      if (isIdentifyingMac(mac)) {
        if (!macs.includes(mac)) macs = [...macs, mac];
      } else if (macKind(mac) === 'local') {
        if (!localMacs.includes(mac)) localMacs = [...localMacs, mac];
      } else if (!junkMacs.includes(mac)) {
        junkMacs = [...junkMacs, mac];
      }
    }
    this.macs[i] = macs;
    this.localMacs[i] = localMacs;
    this.junkMacs[i] = junkMacs;
  }
}

/** Every MAC canonical, identifying and distinct: what sorting them would give back unchanged. */
function allIdentifying(macs: readonly string[]): boolean {
  for (let k = 0; k < macs.length; k++) {
    const mac = macs[k]!;
    if (normalizeMac(mac) !== mac || !isIdentifyingMac(mac)) return false;
    for (let j = 0; j < k; j++) if (macs[j] === mac) return false;
  }
  return true;
}
