import type { DeviceWalk } from '@rollcall/discovery';

export interface WalkChange {
  kind: 'mac-appeared' | 'mac-gone' | 'mac-moved' | 'neighbour-appeared' | 'neighbour-gone';
  mac: string | null;
  detail: string;
}

const portName = (walk: DeviceWalk, ifIndex: number | null, bridgePort: number) =>
  (ifIndex !== null ? walk.interfaces.find((i) => i.index === ifIndex)?.name : undefined) ?? `bridge port ${bridgePort}`;

/** What a new walk of a device shows that the previous one did not: forwarding-table MACs and LLDP neighbours. */
export function diffWalks(previous: DeviceWalk | undefined, current: DeviceWalk): WalkChange[] {
  if (!previous) return [];
  const changes: WalkChange[] = [];
  const ports = (walk: DeviceWalk) => {
    const byMac = new Map<string, string[]>();
    for (const e of walk.fdb) byMac.set(e.mac, [...(byMac.get(e.mac) ?? []), portName(walk, e.ifIndex, e.bridgePort)]);
    return byMac;
  };
  const before = ports(previous);
  const after = ports(current);
  for (const [mac, now] of after) {
    const was = before.get(mac);
    if (!was) changes.push({ kind: 'mac-appeared', mac, detail: `${mac} appeared on ${now.join(', ')}` });
    else if (was.join() !== now.join()) changes.push({ kind: 'mac-moved', mac, detail: `${mac} moved from ${was.join(', ')} to ${now.join(', ')}` });
  }
  for (const [mac, was] of before) if (!after.has(mac)) changes.push({ kind: 'mac-gone', mac, detail: `${mac} no longer seen (was on ${was.join(', ')})` });

  const key = (n: DeviceWalk['lldp'][number]) => `${n.localPortName ?? n.localPort}|${n.chassisId ?? ''}|${n.sysName ?? ''}`;
  const label = (n: DeviceWalk['lldp'][number]) => `${n.sysName ?? n.chassisId ?? 'unknown'} on ${n.localPortName ?? `port ${n.localPort}`}`;
  const lldpBefore = new Map(previous.lldp.map((n) => [key(n), n]));
  const lldpAfter = new Map(current.lldp.map((n) => [key(n), n]));
  for (const [k, n] of lldpAfter) if (!lldpBefore.has(k)) changes.push({ kind: 'neighbour-appeared', mac: n.chassisMac, detail: `LLDP neighbour ${label(n)} appeared` });
  for (const [k, n] of lldpBefore) if (!lldpAfter.has(k)) changes.push({ kind: 'neighbour-gone', mac: n.chassisMac, detail: `LLDP neighbour ${label(n)} gone` });
  return changes;
}
