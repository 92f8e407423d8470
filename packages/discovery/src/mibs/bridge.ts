import { int, macFromBytes } from '../values.ts';
import { subIds, type WalkedTable } from './table.ts';

/** BRIDGE-MIB and Q-BRIDGE-MIB: which MAC a switch learned on which bridge port (and VLAN). */
export const BRIDGE_COLUMNS = {
  basePortIfIndex: '1.3.6.1.2.1.17.1.4.1.2',
  fdbPort: '1.3.6.1.2.1.17.4.3.1.2',
  qFdbPort: '1.3.6.1.2.1.17.7.1.2.2.1.2',
} as const;

/** dot1dBaseBridgeAddress: the bridge's own MAC, read with the system group. */
export const BRIDGE_ADDRESS_OID = '1.3.6.1.2.1.17.1.1.0';

// The status columns (learned, self, invalid…) are not walked: they would double the cost of the
// largest table on a switch. The switch's own MACs (status self) are dropped by comparing with
// its interface and bridge addresses instead; an aged-out entry (invalid) is a recent sighting.

export interface FdbEntry {
  mac: string;
  bridgePort: number;
  /** The interface behind the bridge port, when the switch maps it. */
  ifIndex: number | null;
  /** Q-BRIDGE filtering database id (usually the VLAN), when known. */
  vlan: number | null;
}

/** MAC → port sightings from both tables (a MAC seen in Q-BRIDGE keeps its VLAN), leaving out the switch's `own` MACs. */
export function parseFdb(table: WalkedTable<keyof typeof BRIDGE_COLUMNS>, own: ReadonlySet<string> = new Set()): FdbEntry[] {
  const entries = new Map<string, FdbEntry>();
  const ifIndexOf = (port: number) => int(table.basePortIfIndex.get(String(port)));
  // dot1qTpFdbTable index: fdbId.m1.m2.m3.m4.m5.m6
  for (const [index, vb] of table.qFdbPort) {
    const port = int(vb);
    const [vlan, ...bytes] = subIds(index);
    const address = macFromBytes(bytes);
    if (!address || !port || own.has(address)) continue;
    entries.set(`${address}|${port}`, { mac: address, bridgePort: port, ifIndex: ifIndexOf(port), vlan: vlan ?? null });
  }
  // dot1dTpFdbTable index: m1.m2.m3.m4.m5.m6
  for (const [index, vb] of table.fdbPort) {
    const port = int(vb);
    const address = macFromBytes(subIds(index));
    if (!address || !port || own.has(address) || entries.has(`${address}|${port}`)) continue;
    entries.set(`${address}|${port}`, { mac: address, bridgePort: port, ifIndex: ifIndexOf(port), vlan: null });
  }
  return [...entries.values()];
}
