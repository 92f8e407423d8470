import type { NormalizedObservation } from './normalize.ts';

/** How a device's observations were tied together, strongest first. */
export type DeviceKey = 'serial' | 'uuid' | 'mac' | 'hostname' | 'ip' | 'randomizedMac';

/** A machine as discovery sees it: every observation that shares an identifier with another. */
export interface Device {
  /** Stable across runs: the device's strongest identifier, e.g. `serial:PF3ABCDE`. */
  id: string;
  keyedBy: DeviceKey;
  serials: string[];
  uuids: string[];
  uuidKeys: string[];
  macs: string[];
  localMacs: string[];
  hostnames: string[];
  ips: string[];
  sources: string[];
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
  shared: SharedIdentifier[];
}

/** An identifier that several machines with different serials reported: it identifies nothing. */
export interface SharedIdentifier {
  kind: 'uuid' | 'mac';
  value: string;
  serials: string[];
}

export interface Grouping {
  devices: Device[];
  shared: SharedIdentifier[];
  /** Observations that form no device (only junk or shared MACs), with why. */
  ignored: { index: number; source: string; reason: string }[];
}

const SHARED = Symbol('shared');

/**
 * Finds identifiers reported together with two or more different valid serials: cloned VM UUIDs,
 * docking-station and USB NIC MACs. Such an identifier cannot tell machines apart.
 */
function findShared(observations: NormalizedObservation[]): Map<string, SharedIdentifier> {
  const firstSerial = new Map<string, string | typeof SHARED>();
  const shared = new Map<string, SharedIdentifier>();
  const see = (key: string, kind: SharedIdentifier['kind'], value: string, serial: string) => {
    const previous = firstSerial.get(key);
    if (previous === undefined) return void firstSerial.set(key, serial);
    if (previous === serial) return;
    if (previous !== SHARED) {
      firstSerial.set(key, SHARED);
      shared.set(key, { kind, value, serials: [previous, serial] });
    } else {
      const entry = shared.get(key)!;
      if (entry.serials.length < 5 && !entry.serials.includes(serial)) entry.serials.push(serial);
    }
  };
  for (const o of observations) {
    if (!o.serial) continue;
    if (o.uuidKey) see(`u${o.uuidKey}`, 'uuid', o.uuid!, o.serial);
    for (const mac of o.macs) see(`m${mac}`, 'mac', mac, o.serial);
  }
  return shared;
}

/**
 * Groups observations into devices. Observations that share a valid serial, UUID or MAC are one
 * device. One with none of these joins the one device that has its hostname (or else its IP), if
 * exactly one does, else forms a device keyed by that hostname (or IP, or randomised MAC).
 */
export function groupDevices(observations: NormalizedObservation[]): Grouping {
  const shared = findShared(observations);
  const n = observations.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const owner = new Map<string, number>();
  const claim = (key: string, i: number) => {
    const first = owner.get(key);
    if (first === undefined) owner.set(key, i);
    else union(i, first);
  };

  const strong = new Uint8Array(n);
  for (const o of observations) {
    let keyed = false;
    if (o.serial) {
      claim(`s${o.serial}`, o.index);
      keyed = true;
    }
    if (o.uuidKey && !shared.has(`u${o.uuidKey}`)) {
      claim(`u${o.uuidKey}`, o.index);
      keyed = true;
    }
    for (const mac of o.macs) {
      if (shared.has(`m${mac}`)) continue;
      claim(`m${mac}`, o.index);
      keyed = true;
    }
    strong[o.index] = keyed ? 1 : 0;
  }

  // Hostnames and IPs of strongly identified devices, when exactly one device has them.
  const MANY = -1;
  const hostRoot = new Map<string, number>();
  const ipRoot = new Map<string, number>();
  const note = (map: Map<string, number>, key: string, root: number) => {
    const seen = map.get(key);
    if (seen === undefined) map.set(key, root);
    else if (seen !== root) map.set(key, MANY);
  };
  for (const o of observations) {
    if (!strong[o.index]) continue;
    const root = find(o.index);
    if (o.hostname) note(hostRoot, o.hostname, root);
    for (const ip of o.ips) note(ipRoot, ip, root);
  }

  const ignored: Grouping['ignored'] = [];
  const included = new Uint8Array(n);
  for (const o of observations) {
    if (strong[o.index]) {
      included[o.index] = 1;
      continue;
    }
    const joinBy = (map: Map<string, number>, key: string, prefix: string) => {
      const root = map.get(key);
      if (root !== undefined && root !== MANY) union(o.index, root);
      else claim(`${prefix}${key}`, o.index);
    };
    if (o.hostname) joinBy(hostRoot, o.hostname, 'h');
    else if (o.ips.length > 0 && o.macs.length + o.localMacs.length + o.junkMacs.length === 0) joinBy(ipRoot, o.ips[0]!, 'i');
    else if (o.localMacs.length > 0) claim(`r${o.localMacs[0]}`, o.index);
    else {
      const macs = [...o.macs, ...o.junkMacs];
      const why = o.macs.length > 0 ? `its only MAC ${o.macs[0]} is shared by several machines` : macs.length > 0 ? `its only MAC ${macs[0]} cannot identify a machine` : 'it has no identifier';
      ignored.push({ index: o.index, source: o.source, reason: `observation from ${o.source} forms no device: ${why}` });
      continue;
    }
    included[o.index] = 1;
  }

  const byRoot = new Map<number, Device>();
  const devices: Device[] = [];
  for (const o of observations) {
    if (!included[o.index]) continue;
    const root = find(o.index);
    let device = byRoot.get(root);
    if (!device) {
      device = emptyDevice(o.seenAt);
      byRoot.set(root, device);
      devices.push(device);
    }
    absorb(device, o, shared);
  }
  for (const device of devices) finish(device);
  return { devices, shared: [...shared.values()], ignored };
}

function emptyDevice(seenAt: number): Device {
  return {
    id: '',
    keyedBy: 'hostname',
    serials: [],
    uuids: [],
    uuidKeys: [],
    macs: [],
    localMacs: [],
    hostnames: [],
    ips: [],
    sources: [],
    firstSeen: seenAt,
    lastSeen: seenAt,
    agentLastSeen: null,
    networkLastSeen: null,
    vendor: null,
    model: null,
    randomizedMac: false,
    shared: [],
  };
}

const addTo = (list: string[], value: string | null) => {
  if (value !== null && !list.includes(value)) list.push(value);
};

function absorb(device: Device, o: NormalizedObservation, shared: Map<string, SharedIdentifier>): void {
  const noteShared = (entry: SharedIdentifier | undefined) => {
    if (!entry) return false;
    if (!device.shared.includes(entry)) device.shared.push(entry);
    return true;
  };
  addTo(device.serials, o.serial);
  if (o.uuidKey && !noteShared(shared.get(`u${o.uuidKey}`)) && !device.uuidKeys.includes(o.uuidKey)) {
    device.uuidKeys.push(o.uuidKey);
    device.uuids.push(o.uuid!);
  }
  for (const mac of o.macs) if (!noteShared(shared.get(`m${mac}`))) addTo(device.macs, mac);
  for (const mac of o.localMacs) addTo(device.localMacs, mac);
  addTo(device.hostnames, o.hostname);
  for (const ip of o.ips) addTo(device.ips, ip);
  addTo(device.sources, o.source);
  if (o.seenAt < device.firstSeen) device.firstSeen = o.seenAt;
  // The newest sighting's vendor and model win.
  if (o.seenAt >= device.lastSeen) {
    device.lastSeen = o.seenAt;
    device.vendor = o.vendor ?? device.vendor;
    device.model = o.model ?? device.model;
  } else {
    device.vendor ??= o.vendor;
    device.model ??= o.model;
  }
  if (o.source.startsWith('agent:')) device.agentLastSeen = Math.max(device.agentLastSeen ?? 0, o.seenAt);
  else device.networkLastSeen = Math.max(device.networkLastSeen ?? 0, o.seenAt);
}

function finish(device: Device): void {
  const pick = (values: string[]) => values.reduce((a, b) => (b < a ? b : a));
  if (device.serials.length) [device.keyedBy, device.id] = ['serial', `serial:${pick(device.serials)}`];
  else if (device.uuidKeys.length) [device.keyedBy, device.id] = ['uuid', `uuid:${pick(device.uuidKeys)}`];
  else if (device.macs.length) [device.keyedBy, device.id] = ['mac', `mac:${pick(device.macs)}`];
  else if (device.hostnames.length) [device.keyedBy, device.id] = ['hostname', `host:${pick(device.hostnames)}`];
  else if (device.localMacs.length) [device.keyedBy, device.id] = ['randomizedMac', `mac:${pick(device.localMacs)}`];
  else [device.keyedBy, device.id] = ['ip', `ip:${pick(device.ips)}`];
  device.randomizedMac = device.serials.length + device.uuidKeys.length + device.macs.length === 0 && device.localMacs.length > 0;
}
