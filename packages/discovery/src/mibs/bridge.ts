import { int, macFromBytes } from '../values.ts';
import { subIds, type WalkedTable } from './table.ts';

/** BRIDGE-MIB and Q-BRIDGE-MIB: which MAC a switch learned on which bridge port (and VLAN). */
export const BRIDGE_COLUMNS = {
  basePortIfIndex: '1.3.6.1.2.1.17.1.4.1.2',
  fdbPort: '1.3.6.1.2.1.17.4.3.1.2',
  fdbStatus: '1.3.6.1.2.1.17.4.3.1.3',
  qFdbPort: '1.3.6.1.2.1.17.7.1.2.2.1.2',
  qFdbStatus: '1.3.6.1.2.1.17.7.1.2.2.1.3',
} as const;

// dot1dTpFdbStatus: other(1) invalid(2) learned(3) self(4) mgmt(5). The switch's own MACs (self)
// and entries being removed (invalid) are no sighting of another device.
const NOT_A_SIGHTING = new Set([2, 4]);

export interface FdbEntry {
  mac: string;
  bridgePort: number;
  /** The interface behind the bridge port, when the switch maps it. */
  ifIndex: number | null;
  /** Q-BRIDGE filtering database id (usually the VLAN), when known. */
  vlan: number | null;
}

/** MAC → port sightings from both tables; a MAC seen in Q-BRIDGE keeps its VLAN. */
export function parseFdb(table: WalkedTable<keyof typeof BRIDGE_COLUMNS>): FdbEntry[] {
  const entries = new Map<string, FdbEntry>();
  const ifIndexOf = (port: number) => int(table.basePortIfIndex.get(String(port)));
  // dot1qTpFdbTable index: fdbId.m1.m2.m3.m4.m5.m6
  for (const [index, vb] of table.qFdbPort) {
    const status = int(table.qFdbStatus.get(index));
    const port = int(vb);
    const [vlan, ...bytes] = subIds(index);
    const address = macFromBytes(bytes);
    if (!address || !port || (status !== null && NOT_A_SIGHTING.has(status))) continue;
    entries.set(`${address}|${port}`, { mac: address, bridgePort: port, ifIndex: ifIndexOf(port), vlan: vlan ?? null });
  }
  // dot1dTpFdbTable index: m1.m2.m3.m4.m5.m6
  for (const [index, vb] of table.fdbPort) {
    const status = int(table.fdbStatus.get(index));
    const port = int(vb);
    const address = macFromBytes(subIds(index));
    if (!address || !port || (status !== null && NOT_A_SIGHTING.has(status)) || entries.has(`${address}|${port}`)) continue;
    entries.set(`${address}|${port}`, { mac: address, bridgePort: port, ifIndex: ifIndexOf(port), vlan: null });
  }
  return [...entries.values()];
}
