import { flat } from './flat.ts';
import { NONE, Sightings } from './normalize.ts';
import { groupIndexes } from './group-indexes.ts';
import { MacTable } from './mac-table.ts';
import { SetFilter } from './set-filter.ts';
import { numbers } from './numbers.ts';
import type { Identity, Observation } from './types.ts';

/**
 * The machines discovery saw (each the observations that share an identifier), one column per
 * field, indexed by device. Columns rather than a million objects: findings keep the devices'
 * arrays, but a device object would only be one more thing for every young-generation
 * collection to copy and every full one to mark.
 */
export class Devices {
  length = 0;
  /** Stable across runs: the device's strongest identifier, e.g. `serial:PF3ABCDE`. */
  readonly id: string[];
  /** Every identifier it reported (shared ones excluded), as findings show them. */
  readonly identity: Identity[];
  readonly sources: (readonly string[])[];
  readonly firstSeen: number[];
  readonly lastSeen: number[];
  /** Last report from an agent, and from anything else (SNMP, ARP, imports); NaN for never. */
  readonly agentLastSeen: number[];
  readonly networkLastSeen: number[];
  readonly vendor: (string | null)[];
  /** Known only by a randomised MAC (and maybe a hostname): a phone or a privacy-mode laptop. */
  readonly randomizedMac: number[];
  /** Identifiers it reported that several machines share, so they were not used. */
  readonly shared: (readonly SharedIdentifier[])[];

  constructor(capacity: number) {
    this.id = new Array(capacity);
    this.identity = new Array(capacity);
    this.sources = new Array(capacity);
    this.firstSeen = numbers(capacity, NaN);
    this.lastSeen = numbers(capacity, NaN);
    this.agentLastSeen = numbers(capacity, NaN);
    this.networkLastSeen = numbers(capacity, NaN);
    this.vendor = new Array(capacity);
    this.randomizedMac = numbers(capacity, 0);
    this.shared = new Array(capacity);
  }
}

/** An identifier that several machines with different serials reported: it identifies nothing. */
export interface SharedIdentifier {
  kind: 'uuid' | 'mac';
  value: string;
  serials: string[];
}

/**
 * Which sighting first reported each identifier (shared ones excluded when matching). Sightings
 * are the observations seen by as-of, numbered in input order.
 */
export interface IdentifierIndex {
  serial: Map<string, number>;
  uuid: Map<string, number>;
  mac: MacTable;
  sharedUuids: ReadonlyMap<string, SharedIdentifier>;
  sharedMacs: ReadonlyMap<string, SharedIdentifier>;
  /** Sighting index → index in `devices`, or -1 for sightings that form no device. */
  deviceOf: number[];
}

export interface Grouping {
  devices: Devices;
  identifiers: IdentifierIndex;
  shared: SharedIdentifier[];
  /** Sightings that form no device (only junk or shared MACs), by sighting index, with why. */
  ignored: { index: number; source: string; reason: string }[];
}

/** Where IdentifierOwners keeps who reported each value first: a Map, or a MacTable for MACs. */
interface OwnerTable {
  get(key: string): number | undefined;
  set(key: string, value: number): unknown;
}

/**
 * First pass over one identifier kind: who reported each value first (preferring an observation
 * with a serial), and which values were reported with two or more different valid serials —
 * cloned VM UUIDs, docking-station and USB NIC MACs. Those identify nothing.
 */
class IdentifierOwners<Table extends OwnerTable> {
  readonly shared = new Map<string, SharedIdentifier>();

  constructor(
    readonly owner: Table,
    private readonly kind: SharedIdentifier['kind'],
    private readonly serials: (string | null)[],
  ) {}

  /** Records sighting `i` as reporting `key`; returns the sighting `i` should be grouped with for it. */
  see(key: string, display: string, i: number): number {
    const first = this.owner.get(key);
    if (first === undefined) {
      this.owner.set(key, i);
      return i;
    }
    const serial = this.serials[i];
    if (!serial) return first;
    const firstSerial = this.serials[first];
    if (!firstSerial) {
      this.owner.set(key, i); // prefer an owner with a serial, to compare later serials with
      return first;
    }
    if (firstSerial === serial) return first;
    const entry = this.shared.get(key);
    if (!entry) this.shared.set(key, { kind: this.kind, value: display, serials: [firstSerial, serial] });
    else if (entry.serials.length < 5 && !entry.serials.includes(serial)) entry.serials.push(serial);
    return first;
  }
}

/** Union-find over observation indexes. */
class Groups {
  readonly parent: number[];

  constructor(n: number) {
    this.parent = numbers(n, 0);
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
const NO_DEVICE = 0;
const STRONG = 1;
const WEAK = 2;
const IP_ONLY = 3;
/** Stands in for the members of one-sighting devices, whose values are read directly. */
const ONE: Members = { order: [], from: 0, to: 0 };
const NO_SHARED: readonly SharedIdentifier[] = Object.freeze([]);

/**
 * Groups the observations seen by `asOf` into devices. Observations that share a valid serial,
 * UUID or MAC are one device. One with none of these joins the one device that has its hostname
 * (or else its IP), if exactly one does, else forms a device keyed by that hostname (or IP, or
 * randomised MAC). A sighting whose only MACs are junk or shared forms no device.
 */
export function groupDevices(observations: readonly Observation[], asOf: number): Grouping {
  const capacity = observations.length;
  const sightings = new Sightings(capacity);
  const { serial, uuid, uuidKey, macs: macsOf, localMacs, junkMacs, hostname } = sightings;
  const uuids = new IdentifierOwners(new Map<string, number>(), 'uuid', serial);
  const macs = new IdentifierOwners(new MacTable(capacity), 'mac', serial); // about a MAC a sighting
  const groups = new Groups(capacity);
  const bySerial = new Map<string, number>();
  // Each sighting's identifiers go into the maps as soon as it is normalised, while they are in
  // the cache (a second pass over a million sightings would fetch them all again). Whom each
  // (sighting, UUID or MAC) pair groups with is recorded for the second pass, which can only
  // union once it knows which of them are shared.
  const uuidPartner = numbers(capacity, 0);
  const macPartner = numbers(capacity, 0); // grows past one MAC a sighting
  let m = 0;
  for (const observation of observations) {
    if (observation.seenAt.getTime() > asOf) continue;
    const i = sightings.length;
    sightings.add(observation);
    const sn = serial[i];
    if (sn) groups.claim(bySerial, sn, i);
    const key = uuidKey[i];
    if (key) uuidPartner[i] = uuids.see(key, uuid[i]!, i);
    for (const mac of macsOf[i]!) macPartner[m++] = macs.see(mac, mac, i);
  }

  const n = sightings.length;
  // What each sighting is: STRONG (keyed by a serial, UUID or MAC), WEAK, IP_ONLY or NO_DEVICE.
  const state = numbers(n, NO_DEVICE);
  const wantedHosts = new Set<string>();
  const wantedIps = new Set<string>();
  const anyShared = macs.shared.size > 0;
  m = 0;
  for (let i = 0; i < n; i++) {
    let keyed = serial[i] !== null;
    const key = uuidKey[i];
    if (key && !uuids.shared.has(key)) {
      groups.union(i, uuidPartner[i]!);
      keyed = true;
    }
    for (const mac of macsOf[i]!) {
      const partner = macPartner[m++]!;
      if (anyShared && macs.shared.has(mac)) continue;
      groups.union(i, partner);
      keyed = true;
    }
    if (keyed) state[i] = STRONG;
    else if (hostname[i]) wantedHosts.add(hostname[i]!);
    else if (sightings.observation[i]!.ips.length > 0) wantedIps.add(sightings.observation[i]!.ips[0]!);
  }

  // Hostnames and IPs that weak sightings carry, on strongly identified devices: usable when
  // exactly one device has them.
  const hostRoot = new Map<string, number>();
  const ipRoot = new Map<string, number>();
  if (wantedHosts.size + wantedIps.size > 0) {
    const hostFilter = new SetFilter(wantedHosts);
    const ipFilter = new SetFilter(wantedIps);
    for (let i = 0; i < n; i++) {
      if (state[i] !== STRONG) continue;
      const host = hostname[i];
      if (host && hostFilter.mayHave(host) && wantedHosts.has(host)) noteUnique(hostRoot, host, groups.find(i));
      if (wantedIps.size > 0) {
        for (const ip of sightings.observation[i]!.ips) if (ipFilter.mayHave(ip) && wantedIps.has(ip)) noteUnique(ipRoot, ip, groups.find(i));
      }
    }
  }

  const ignored: Grouping['ignored'] = [];
  const byHost = new Map<string, number>();
  const byIp = new Map<string, number>();
  const byLocalMac = new Map<string, number>();
  const ipOnly: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i] === STRONG) continue;
    const { ips, source } = sightings.observation[i]!;
    const anyMac = macsOf[i]!.length + localMacs[i]!.length + junkMacs[i]!.length > 0;
    if (hostname[i]) joinUnique(groups, hostRoot, byHost, hostname[i]!, i);
    else if (ips.length > 0 && !anyMac) {
      ipOnly.push(i); // joined below, once every other device is formed
      state[i] = IP_ONLY;
      continue;
    } else if (localMacs[i]!.length > 0) groups.claim(byLocalMac, localMacs[i]![0]!, i);
    else {
      const why =
        macsOf[i]!.length > 0 ? `its only MAC ${macsOf[i]![0]} is shared by several machines` : anyMac ? `its only MAC ${junkMacs[i]![0]} cannot identify a machine` : 'it has no identifier';
      ignored.push({ index: i, source, reason: `observation from ${source} forms no device: ${why}` });
      continue;
    }
    state[i] = WEAK;
  }
  // An IP-only sighting (a ping sweep across a router, say) joins the one strongly identified
  // device with its IP; failing that, the one other device with it (known by a hostname or a
  // randomised MAC: a scanner's own host is not a new device); else others with that IP alone.
  if (ipOnly.length > 0) {
    const weakIpRoot = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (state[i] !== WEAK) continue;
      for (const ip of sightings.observation[i]!.ips) if (!ipRoot.has(ip) && wantedIps.has(ip)) noteUnique(weakIpRoot, ip, groups.find(i));
    }
    for (const i of ipOnly) {
      const ip = sightings.observation[i]!.ips[0]!;
      joinUnique(groups, ipRoot.has(ip) ? ipRoot : weakIpRoot, byIp, ip, i);
    }
  }

  // Members of each group, by their root (no per-device map or array).
  const root = numbers(n, -1);
  for (let i = 0; i < n; i++) if (state[i] !== NO_DEVICE) root[i] = groups.find(i);
  const { start: count, order } = groupIndexes(root, n, n);

  const devices = new Devices(n); // at most one a sighting
  const deviceOf = numbers(n, -1);
  for (let r = 0; r < n; r++) {
    const from = count[r]!;
    const to = count[r + 1]!;
    if (from === to) continue;
    for (let k = from; k < to; k++) deviceOf[order[k]!] = devices.length;
    buildDevice(devices, devices.length++, sightings, order, from, to, uuids.shared, macs.shared);
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

/** Fills in device `d` from sightings order[from..to). */
function buildDevice(
  devices: Devices,
  d: number,
  sightings: Sightings,
  order: number[],
  from: number,
  to: number,
  sharedUuids: Map<string, SharedIdentifier>,
  sharedMacs: Map<string, SharedIdentifier>,
): void {
  // Most devices are one sighting: their arrays are the sighting's own (no copies).
  const first = order[from]!;
  const single = to - from === 1;
  const members: Members = single ? ONE : { order, from, to };
  const { observation, seenAt, serial, hostname } = sightings;
  let shared = NO_SHARED;
  let uuids = NONE;
  let uuidKeys = NONE;
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const key = sightings.uuidKey[i];
    if (!key || uuidKeys.includes(key)) continue;
    const entry = sharedUuids.size > 0 ? sharedUuids.get(key) : undefined;
    if (entry) {
      shared = withShared(shared, entry);
    } else {
      uuidKeys = [...uuidKeys, key];
      uuids = [...uuids, sightings.uuid[i]!];
    }
  }
  let macs = single ? sightings.macs[first]! : collect(members, sightings.macs);
  if (sharedMacs.size > 0 && macs.some((mac) => sharedMacs.has(mac))) {
    const kept: string[] = [];
    for (const mac of macs) {
      const entry = sharedMacs.get(mac);
      if (entry) shared = withShared(shared, entry);
      else kept.push(mac);
    }
    macs = kept.length > 0 ? kept : NONE;
  }
  let lastSeen = seenAt[first]!;
  let firstSeen = lastSeen;
  let agentLastSeen = NaN;
  let networkLastSeen = NaN;
  let vendor: string | null = null;
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const o = observation[i]!;
    const at = seenAt[i]!;
    const since = o.firstSeenAt ? o.firstSeenAt.getTime() : at;
    if (since < firstSeen) firstSeen = since;
    // The newest sighting's vendor wins; older ones fill the gap.
    if (at >= lastSeen) {
      lastSeen = at;
      vendor = o.vendor ?? vendor;
    } else {
      vendor ??= o.vendor;
    }
    // NaN never compares greater: the first report replaces it.
    if (o.source.startsWith('agent:')) agentLastSeen = !(at <= agentLastSeen) ? at : agentLastSeen;
    else networkLastSeen = !(at <= networkLastSeen) ? at : networkLastSeen;
  }
  const o = observation[first]!;
  const localMacs = single ? sightings.localMacs[first]! : collect(members, sightings.localMacs);
  const serials = single ? (serial[first] ? [serial[first]!] : NONE) : collect(members, serial);
  const hostnames = single ? (hostname[first] ? [hostname[first]!] : NONE) : collect(members, hostname);
  const ips = single ? (o.ips.length > 0 ? o.ips : NONE) : collectOf(members, observation, ipsOf);
  devices.identity[d] = {
    serials,
    uuids,
    macs: localMacs.length ? [...macs, ...localMacs] : macs,
    hostnames,
    ips,
    switchPorts: single ? (o.switchPort ? [o.switchPort] : NONE) : collectOf(members, observation, switchPortOf),
  };
  devices.sources[d] = single ? [o.source] : collectOf(members, observation, sourceOf);
  devices.firstSeen[d] = firstSeen;
  devices.lastSeen[d] = lastSeen;
  devices.agentLastSeen[d] = agentLastSeen;
  devices.networkLastSeen[d] = networkLastSeen;
  devices.vendor[d] = vendor;
  devices.shared[d] = shared;
  devices.randomizedMac[d] = serials.length + uuidKeys.length + macs.length === 0 && localMacs.length > 0 ? 1 : 0;
  // The device's id: its strongest identifier (the least, when it has several, so ids are stable).
  if (serials.length) setKey(devices, d, 'serial:', serials);
  else if (uuidKeys.length) setKey(devices, d, 'uuid:', uuidKeys);
  else if (macs.length) setKey(devices, d, 'mac:', macs);
  else if (hostnames.length) setKey(devices, d, 'host:', hostnames);
  else if (localMacs.length) setKey(devices, d, 'mac:', localMacs);
  else setKey(devices, d, 'ip:', ips);
}

function withShared(shared: readonly SharedIdentifier[], entry: SharedIdentifier): readonly SharedIdentifier[] {
  return shared.includes(entry) ? shared : [...shared, entry];
}

// Per-observation values, as module-level functions: a closure per device would cost millions of allocations.
const ipsOf = (o: Observation) => o.ips;
const sourceOf = (o: Observation) => [o.source];
const switchPortOf = (o: Observation) => (o.switchPort ? [o.switchPort] : NONE);

/** A device's sightings: order[from..to). */
interface Members {
  order: number[];
  from: number;
  to: number;
}

/** Distinct values of a column over the members, in first-seen order. */
function collect(members: Members, column: readonly (string | readonly string[] | null)[]): readonly string[] {
  const out: string[] = [];
  for (let k = members.from; k < members.to; k++) {
    const values = column[members.order[k]!];
    if (values === null || values === undefined) continue;
    if (typeof values === 'string') {
      if (!out.includes(values)) out.push(values);
    } else {
      for (const v of values) if (!out.includes(v)) out.push(v);
    }
  }
  return out.length ? out : NONE;
}

/** Distinct values over the members' observations, in first-seen order. */
function collectOf(members: Members, observations: Observation[], values: (o: Observation) => readonly string[]): readonly string[] {
  const out: string[] = [];
  for (let k = members.from; k < members.to; k++) for (const v of values(observations[members.order[k]!]!)) if (!out.includes(v)) out.push(v);
  return out.length ? out : NONE;
}

function setKey(devices: Devices, d: number, prefix: string, values: readonly string[]): void {
  let least = values[0]!;
  for (let k = 1; k < values.length; k++) if (values[k]! < least) least = values[k]!;
  devices.id[d] = flat(prefix + least);
}
