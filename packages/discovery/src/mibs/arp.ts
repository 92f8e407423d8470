import { int, ipFromBytes, mac } from '../values.ts';
import { subIds, type WalkedTable } from './table.ts';

/** IP-MIB: the old ipNetToMediaTable (IPv4) and the newer ipNetToPhysicalTable (IPv4 and IPv6). */
export const ARP_COLUMNS = {
  mediaPhysAddress: '1.3.6.1.2.1.4.22.1.2',
  mediaType: '1.3.6.1.2.1.4.22.1.4',
  physicalPhysAddress: '1.3.6.1.2.1.4.35.1.4',
  physicalType: '1.3.6.1.2.1.4.35.1.6',
} as const;

const INVALID = 2; // ipNetToMediaType / ipNetToPhysicalType invalid(2): an entry being removed

export interface ArpEntry {
  ip: string;
  mac: string;
  ifIndex: number;
}

/** IP ↔ MAC pairs the device knows, from both tables, each pair once. */
export function parseArp(table: WalkedTable<keyof typeof ARP_COLUMNS>): ArpEntry[] {
  const entries = new Map<string, ArpEntry>();
  const add = (ip: string | null, address: string | null, ifIndex: number) => {
    if (ip && address && !entries.has(`${ip}|${address}`)) entries.set(`${ip}|${address}`, { ip, mac: address, ifIndex });
  };
  // ipNetToMediaTable index: ifIndex.a.b.c.d
  for (const [index, vb] of table.mediaPhysAddress) {
    if (int(table.mediaType.get(index)) === INVALID) continue;
    const [ifIndex, ...ip] = subIds(index);
    add(ipFromBytes(ip), mac(vb), ifIndex!);
  }
  // ipNetToPhysicalTable index: ifIndex.addressType.length.bytes… (type 1 ipv4, 2 ipv6)
  for (const [index, vb] of table.physicalPhysAddress) {
    if (int(table.physicalType.get(index)) === INVALID) continue;
    const [ifIndex, , length, ...ip] = subIds(index);
    if (length !== ip.length) continue;
    add(ipFromBytes(ip), mac(vb), ifIndex!);
  }
  return [...entries.values()];
}
