import { flat } from './flat.ts';
import { NONE, type NormalizedObservation } from './normalize.ts';

/** How a device's observations were tied together, strongest first. */
export type DeviceKey = 'serial' | 'uuid' | 'mac' | 'hostname' | 'ip' | 'randomizedMac';

/** A machine as discovery sees it: every observation that shares an identifier with another. */
export interface Device {
  /** Stable across runs: the device's strongest identifier, e.g. `serial:PF3ABCDE`. */
  id: string;
  keyedBy: DeviceKey;
  serials: readonly string[];
  uuids: readonly string[];
  uuidKeys: readonly string[];
  macs: readonly string[];
  localMacs: readonly string[];
  hostnames: readonly string[];
  ips: readonly string[];
  sources: readonly string[];
  switchPorts: readonly string[];
  firstSeen: number;
  lastSeen: number;
  /** Last report from an agent, and from anything else (SNMP, ARP, imports). */
  agentLastSeen: number | null;
  networkLastSeen: number | null;
  vendor: string | null;
  model: string | null;
  /** Known only by a randomised MAC (and maybe a hostname): a phone or a privacy-mode laptop. */
  randomizedMac: boolean;
  /** Identifiers it reported that several machines share, so they were not used. */
  shared: readonly SharedIdentifier[];
}

/** An identifier that several machines with different serials reported: it identifies nothing. */
export interface SharedIdentifier {
  kind: 'uuid' | 'mac';
  value: string;
  serials: string[];
}

/** Which observation first reported each identifier (shared ones excluded when matching). */
export interface IdentifierIndex {
  serial: Map<string, number>;
  uuid: Map<string, number>;
  mac: Map<string, number>;
  sharedUuids: ReadonlyMap<string, SharedIdentifier>;
  sharedMacs: ReadonlyMap<string, SharedIdentifier>;
  /** Observation index → index in `devices`, or -1 for observations that form no device. */
  deviceOf: Int32Array;
}

export interface Grouping {
  devices: Device[];
  identifiers: IdentifierIndex;
  shared: SharedIdentifier[];
  /** Observations that form no device (only junk or shared MACs), with why. */
  ignored: { index: number; source: string; reason: string }[];
}

/**
 * First pass over one identifier kind: who reported each value first (preferring an observation
 * with a serial), and which values were reported with two or more different valid serials —
 * cloned VM UUIDs, docking-station and USB NIC MACs. Those identify nothing.
 */
class IdentifierOwners {
  readonly owner = new Map<string, number>();
  readonly shared = new Map<string, SharedIdentifier>();

  constructor(
    private readonly kind: SharedIdentifier['kind'],
    private readonly observations: NormalizedObservation[],
  ) {}

  /** Records `o` as reporting `key`; returns the observation `o` should be grouped with for it. */
  see(key: string, display: string, o: NormalizedObservation): number {
    const first = this.owner.get(key);
    if (first === undefined) {
      this.owner.set(key, o.index);
      return o.index;
    }
    if (!o.serial) return first;
    const firstSerial = this.observations[first]!.serial;
    if (!firstSerial) {
      this.owner.set(key, o.index); // prefer an owner with a serial, to compare later serials with
      return first;
    }
    if (firstSerial === o.serial) return first;
    const entry = this.shared.get(key);
    if (!entry) this.shared.set(key, { kind: this.kind, value: display, serials: [firstSerial, o.serial] });
    else if (entry.serials.length < 5 && !entry.serials.includes(o.serial)) entry.serials.push(o.serial);
    return first;
  }
}

/** Union-find over observation indexes. */
class Groups {
  readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** The first observation to claim `key` owns it; later claimants join its group. */
  claim(owners: Map<string, number>, key: string, i: number): void {
    const first = owners.get(key);
    if (first === undefined) owners.set(key, i);
    else this.union(i, first);
  }
}

const MANY = -1;
const NO_SHARED: readonly SharedIdentifier[] = Object.freeze([]);

/**
 * Groups observations into devices. Observations that share a valid serial, UUID or MAC are one
 * device. One with none of these joins the one device that has its hostname (or else its IP), if
 * exactly one does, else forms a device keyed by that hostname (or IP, or randomised MAC).
 * A sighting whose only MACs are junk or shared forms no device.
 */
export function groupDevices(observations: NormalizedObservation[]): Grouping {
  const n = observations.length;
  const uuids = new IdentifierOwners('uuid', observations);
  const macs = new IdentifierOwners('mac', observations);
  // Whom each (observation, identifier) pair groups with, recorded in iteration order so the
  // second pass needs no second map lookup.
  const uuidPartner = new Int32Array(n);
  const macPartner: number[] = [];
  for (const o of observations) {
    if (o.uuidKey) uuidPartner[o.index] = uuids.see(o.uuidKey, o.uuid!, o);
    for (const mac of o.macs) macPartner.push(macs.see(mac, mac, o));
  }

  const groups = new Groups(n);
  const bySerial = new Map<string, number>();
  const strong = new Uint8Array(n);
  const wantedHosts = new Set<string>();
  const wantedIps = new Set<string>();
  const anyShared = macs.shared.size > 0;
  let m = 0;
  for (const o of observations) {
    let keyed = false;
    if (o.serial) {
      groups.claim(bySerial, o.serial, o.index);
      keyed = true;
    }
    if (o.uuidKey && !uuids.shared.has(o.uuidKey)) {
      groups.union(o.index, uuidPartner[o.index]!);
      keyed = true;
    }
    for (const mac of o.macs) {
      const partner = macPartner[m++]!;
      if (anyShared && macs.shared.has(mac)) continue;
      groups.union(o.index, partner);
      keyed = true;
    }
    if (keyed) strong[o.index] = 1;
    else if (o.hostname) wantedHosts.add(o.hostname);
    else if (o.ips.length > 0) wantedIps.add(o.ips[0]!);
  }

  // Hostnames and IPs that weak sightings carry, on strongly identified devices: usable when
  // exactly one device has them.
  const hostRoot = new Map<string, number>();
  const ipRoot = new Map<string, number>();
  if (wantedHosts.size + wantedIps.size > 0) {
    for (const o of observations) {
      if (!strong[o.index]) continue;
      if (o.hostname && wantedHosts.has(o.hostname)) noteUnique(hostRoot, o.hostname, groups.find(o.index));
      for (const ip of o.ips) if (wantedIps.has(ip)) noteUnique(ipRoot, ip, groups.find(o.index));
    }
  }

  const ignored: Grouping['ignored'] = [];
  const included = new Uint8Array(n);
  const byHost = new Map<string, number>();
  const byIp = new Map<string, number>();
  const byLocalMac = new Map<string, number>();
  for (const o of observations) {
    if (strong[o.index]) {
      included[o.index] = 1;
      continue;
    }
    const anyMac = o.macs.length + o.localMacs.length + o.junkMacs.length > 0;
    if (o.hostname) joinUnique(groups, hostRoot, byHost, o.hostname, o.index);
    else if (o.ips.length > 0 && !anyMac) joinUnique(groups, ipRoot, byIp, o.ips[0]!, o.index);
    else if (o.localMacs.length > 0) groups.claim(byLocalMac, o.localMacs[0]!, o.index);
    else {
      const why =
        o.macs.length > 0 ? `its only MAC ${o.macs[0]} is shared by several machines` : anyMac ? `its only MAC ${o.junkMacs[0]} cannot identify a machine` : 'it has no identifier';
      ignored.push({ index: o.index, source: o.source, reason: `observation from ${o.source} forms no device: ${why}` });
      continue;
    }
    included[o.index] = 1;
  }

  // Members of each group, by counting sort on the root (no per-device map or array).
  const root = new Int32Array(n);
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (!included[i]) continue;
    root[i] = groups.find(i);
    count[root[i]! + 1]!++;
  }
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const order = new Int32Array(count[n]!);
  const next = count.slice(0, n);
  for (let i = 0; i < n; i++) if (included[i]) order[next[root[i]!]!++] = i;

  const devices: Device[] = [];
  const members: NormalizedObservation[] = [];
  const deviceOf = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    const from = count[r]!;
    const to = count[r + 1]!;
    if (from === to) continue;
    members.length = 0;
    for (let k = from; k < to; k++) {
      deviceOf[order[k]!] = devices.length;
      members.push(observations[order[k]!]!);
    }
    devices.push(buildDevice(members, uuids.shared, macs.shared));
  }
  return {
    devices,
    identifiers: { serial: bySerial, uuid: uuids.owner, mac: macs.owner, sharedUuids: uuids.shared, sharedMacs: macs.shared, deviceOf },
    shared: [...uuids.shared.values(), ...macs.shared.values()],
    ignored,
  };
}

function noteUnique(map: Map<string, number>, key: string, root: number): void {
  const seen = map.get(key);
  if (seen === undefined) map.set(key, root);
  else if (seen !== root) map.set(key, MANY);
}

function joinUnique(groups: Groups, unique: Map<string, number>, weak: Map<string, number>, key: string, i: number): void {
  const root = unique.get(key);
  if (root !== undefined && root !== MANY) groups.union(i, root);
  else groups.claim(weak, key, i);
}

function buildDevice(
  observations: NormalizedObservation[],
  sharedUuids: Map<string, SharedIdentifier>,
  sharedMacs: Map<string, SharedIdentifier>,
): Device {
  // Most devices are one sighting: their arrays are the observation's own (no copies).
  const first = observations[0]!;
  const single = observations.length === 1;
  let shared = NO_SHARED;
  let uuids = NONE;
  let uuidKeys = NONE;
  for (const o of observations) {
    if (!o.uuidKey || uuidKeys.includes(o.uuidKey)) continue;
    const entry = sharedUuids.size > 0 ? sharedUuids.get(o.uuidKey) : undefined;
    if (entry) {
      shared = withShared(shared, entry);
    } else {
      uuidKeys = [...uuidKeys, o.uuidKey];
      uuids = [...uuids, o.uuid!];
    }
  }
  let macs = single ? first.macs : collect(observations, macsOf);
  if (sharedMacs.size > 0 && macs.some((mac) => sharedMacs.has(mac))) {
    const kept: string[] = [];
    for (const mac of macs) {
      const entry = sharedMacs.get(mac);
      if (entry) shared = withShared(shared, entry);
      else kept.push(mac);
    }
    macs = kept.length > 0 ? kept : NONE;
  }
  let firstSeen = first.seenAt;
  let lastSeen = first.seenAt;
  let agentLastSeen: number | null = null;
  let networkLastSeen: number | null = null;
  let vendor: string | null = null;
  let model: string | null = null;
  for (const o of observations) {
    if (o.seenAt < firstSeen) firstSeen = o.seenAt;
    // The newest sighting's vendor and model win; older ones fill gaps.
    if (o.seenAt >= lastSeen) {
      lastSeen = o.seenAt;
      vendor = o.vendor ?? vendor;
      model = o.model ?? model;
    } else {
      vendor ??= o.vendor;
      model ??= o.model;
    }
    if (o.source.startsWith('agent:')) agentLastSeen = Math.max(agentLastSeen ?? 0, o.seenAt);
    else networkLastSeen = Math.max(networkLastSeen ?? 0, o.seenAt);
  }
  const device: Device = {
    id: '',
    keyedBy: 'hostname',
    serials: single ? (first.serial ? [first.serial] : NONE) : collect(observations, serialOf),
    uuids,
    uuidKeys,
    macs,
    localMacs: single ? first.localMacs : collect(observations, localMacsOf),
    hostnames: single ? (first.hostname ? [first.hostname] : NONE) : collect(observations, hostnameOf),
    ips: single ? first.ips : collect(observations, ipsOf),
    sources: single ? [first.source] : collect(observations, sourceOf),
    switchPorts: single ? (first.switchPort ? [first.switchPort] : NONE) : collect(observations, switchPortOf),
    firstSeen,
    lastSeen,
    agentLastSeen,
    networkLastSeen,
    vendor,
    model,
    randomizedMac: false,
    shared,
  };
  assignKey(device);
  device.randomizedMac = device.serials.length + device.uuidKeys.length + device.macs.length === 0 && device.localMacs.length > 0;
  return device;
}

function withShared(shared: readonly SharedIdentifier[], entry: SharedIdentifier): readonly SharedIdentifier[] {
  return shared.includes(entry) ? shared : [...shared, entry];
}

// Per-observation values, as module-level functions: a closure per device would cost millions of allocations.
const serialOf = (o: NormalizedObservation) => (o.serial ? [o.serial] : NONE);
const macsOf = (o: NormalizedObservation) => o.macs;
const localMacsOf = (o: NormalizedObservation) => o.localMacs;
const hostnameOf = (o: NormalizedObservation) => (o.hostname ? [o.hostname] : NONE);
const ipsOf = (o: NormalizedObservation) => o.ips;
const sourceOf = (o: NormalizedObservation) => [o.source];
const switchPortOf = (o: NormalizedObservation) => (o.switchPort ? [o.switchPort] : NONE);

/** Distinct values over observations, in first-seen order. */
function collect(observations: NormalizedObservation[], values: (o: NormalizedObservation) => readonly string[]): readonly string[] {
  const out: string[] = [];
  for (const o of observations) for (const v of values(o)) if (!out.includes(v)) out.push(v);
  return out.length ? out : NONE;
}

/** The device's id: its strongest identifier (the least, when it has several, so ids are stable). */
function assignKey(device: Device): void {
  if (device.serials.length) setKey(device, 'serial', 'serial:', device.serials);
  else if (device.uuidKeys.length) setKey(device, 'uuid', 'uuid:', device.uuidKeys);
  else if (device.macs.length) setKey(device, 'mac', 'mac:', device.macs);
  else if (device.hostnames.length) setKey(device, 'hostname', 'host:', device.hostnames);
  else if (device.localMacs.length) setKey(device, 'randomizedMac', 'mac:', device.localMacs);
  else setKey(device, 'ip', 'ip:', device.ips);
}

function setKey(device: Device, keyedBy: DeviceKey, prefix: string, values: readonly string[]): void {
  let least = values[0]!;
  for (let k = 1; k < values.length; k++) if (values[k]! < least) least = values[k]!;
  device.keyedBy = keyedBy;
  device.id = flat(prefix + least);
}
