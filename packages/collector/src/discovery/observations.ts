import { macVendor, type Observation } from '@rollcall/core';
import type { DeviceWalk } from '@rollcall/discovery';

/** The name a walked device goes by: its sysName, else the address that answered. */
export const deviceName = (walk: DeviceWalk) => walk.system.name ?? walk.address;

/**
 * Turns one walk into sightings (source `snmp:<device>`): the device itself (chassis serial,
 * interface MACs), and every neighbour it knows — ARP (IP ↔ MAC), forwarding table (MAC → port)
 * and LLDP — one sighting per neighbour MAC, with the IPs and the access port it was seen on.
 * Ports with an LLDP neighbour are uplinks: the MACs behind them are not attached there.
 * Neighbour MACs carry their IEEE OUI vendor (or "locally administered").
 */
export function walkObservations(walk: DeviceWalk, seenAt: Date): Observation[] {
  const name = deviceName(walk);
  const source = `snmp:${name}`;
  const ownMacs = [...new Set(walk.interfaces.map((i) => i.mac).filter((m): m is string => m !== null))];
  const own = new Set(ownMacs);
  const base = { source, seenAt, hostname: null, serial: null, uuid: null, vendor: null, model: null };
  const observations: Observation[] = [
    {
      ...base,
      hostname: walk.system.name,
      serial: walk.chassis?.serial ?? null,
      macs: ownMacs,
      ips: [walk.address],
      vendor: walk.chassis?.manufacturer ?? walk.system.vendor,
      model: walk.chassis?.model ?? null,
      extra: {
        kind: 'network-device',
        sysDescr: walk.system.descr,
        sysObjectId: walk.system.objectId,
        location: walk.system.location,
        contact: walk.system.contact,
        firmware: walk.chassis?.firmware ?? null,
      },
    },
  ];

  const interfaceName = new Map(walk.interfaces.map((i) => [i.index, i.name]));
  // LLDP's local port number is the bridge port on most switches, the ifIndex on some.
  const uplinks = new Set(walk.lldp.map((n) => n.localPort));
  const neighbours = new Map<string, { ips: Set<string>; port: string | null; via: Set<string> }>();
  const neighbour = (mac: string) => {
    let entry = neighbours.get(mac);
    if (!entry) neighbours.set(mac, (entry = { ips: new Set(), port: null, via: new Set() }));
    return entry;
  };
  for (const entry of walk.arp) {
    if (own.has(entry.mac)) continue;
    const n = neighbour(entry.mac);
    n.ips.add(entry.ip);
    n.via.add('arp');
  }
  for (const entry of walk.fdb) {
    if (own.has(entry.mac)) continue;
    const n = neighbour(entry.mac);
    n.via.add('fdb');
    const port = entry.ifIndex === null ? null : interfaceName.get(entry.ifIndex) ?? null;
    const isUplink = uplinks.has(entry.bridgePort) || (entry.ifIndex !== null && uplinks.has(entry.ifIndex));
    if (port && !isUplink) n.port = `${name} ${port}${entry.vlan ? ` (VLAN ${entry.vlan})` : ''}`;
  }
  for (const [mac, n] of neighbours) {
    observations.push({ ...base, macs: [mac], ips: [...n.ips], vendor: macVendor(mac), switchPort: n.port, extra: { via: [...n.via], device: name } });
  }
  for (const lldp of walk.lldp) {
    if (!lldp.sysName && !lldp.chassisMac) continue;
    observations.push({
      ...base,
      hostname: lldp.sysName,
      macs: lldp.chassisMac ? [lldp.chassisMac] : [],
      ips: [],
      extra: { via: ['lldp'], device: name, localPort: lldp.localPortName, remotePort: lldp.portId, sysDescr: lldp.sysDescr },
    });
  }
  return observations;
}

/** A walk with every MAC labelled by its OUI vendor, for people reading it (API). */
export function labelledWalk(walk: DeviceWalk) {
  const label = <T extends { mac: string | null }>(entry: T) => ({ ...entry, vendor: entry.mac ? macVendor(entry.mac) : null });
  return {
    ...walk,
    interfaces: walk.interfaces.map(label),
    arp: walk.arp.map(label),
    fdb: walk.fdb.map(label),
    lldp: walk.lldp.map((n) => ({ ...n, vendor: n.chassisMac ? macVendor(n.chassisMac) : null })),
  };
}
