import { ARP_COLUMNS, parseArp, type ArpEntry } from './mibs/arp.ts';
import { BRIDGE_ADDRESS_OID, BRIDGE_COLUMNS, parseFdb, type FdbEntry } from './mibs/bridge.ts';
import { ENTITY_COLUMNS, parseChassis, type Chassis } from './mibs/entity.ts';
import { INTERFACE_COLUMNS, parseInterfaces, type NetworkInterface } from './mibs/interfaces.ts';
import { LLDP_COLUMNS, parseLldp, type LldpNeighbour } from './mibs/lldp.ts';
import { parseSystem, SYSTEM_OIDS, type SystemInfo } from './mibs/system.ts';
import { arrange, type TableColumns, type WalkedTable } from './mibs/table.ts';
import { mac } from './values.ts';
import { DEFAULT_SNMP_OPTIONS, SnmpClient, SnmpResponseError, SnmpTimeoutError, type SnmpOptions, type SnmpTarget, type Varbind } from './snmp.ts';

/** Retransmissions per request once a device has answered (at least). */
const WALK_MIN_RETRIES = 2;

/** Everything one walk learned about one device. */
export interface DeviceWalk {
  /** The address that answered. */
  address: string;
  walkedAtMs: number;
  system: SystemInfo;
  chassis: Chassis | null;
  interfaces: NetworkInterface[];
  arp: ArpEntry[];
  fdb: FdbEntry[];
  lldp: LldpNeighbour[];
  /** Tables that were cut at maxRows, or that failed part-way (the rest of the walk still counts). */
  problems: string[];
}

/**
 * Walks one device: the system group first (no answer there means the host is down or the
 * community is wrong: SnmpTimeoutError), then ENTITY-MIB, interfaces, ARP, forwarding tables and
 * LLDP, column by column. A table the device lacks is simply empty.
 */
export async function walkDevice(target: SnmpTarget, options: SnmpOptions = {}): Promise<DeviceWalk> {
  // The first GET is the probe: a silent host costs only the configured timeout × tries. A device
  // that answered is known to be there, so its walk retries more before giving a table up
  // (agents on busy gear drop the odd packet).
  const probe = new SnmpClient(target, options);
  let system: SystemInfo;
  try {
    system = parseSystem(await probe.get(Object.values(SYSTEM_OIDS)));
  } finally {
    probe.close();
  }
  const client = new SnmpClient(target, { ...options, retries: Math.max(options.retries ?? DEFAULT_SNMP_OPTIONS.retries, WALK_MIN_RETRIES) });
  try {
    // Asked apart: an SNMPv1 agent fails a whole GET when one value is missing (not a bridge).
    const bridgeAddress = await client.get([BRIDGE_ADDRESS_OID]).then(([vb]) => mac(vb), (error: unknown) => {
      if (error instanceof SnmpResponseError) return null;
      throw error;
    });
    const problems: string[] = [];
    let silent = false; // answered the system group, then stopped answering: skip what is left
    const walkTable = async <K extends string>(columns: TableColumns<K>): Promise<WalkedTable<K>> => {
      const walked = {} as Record<K, Varbind[]>;
      for (const [name, oid] of Object.entries(columns) as [K, string][]) {
        walked[name] = [];
        if (silent) continue;
        try {
          const result = await client.walk(oid);
          walked[name] = result.rows;
          if (result.truncated) problems.push(`${name} (${oid}) cut at ${result.rows.length} rows`);
        } catch (error) {
          // Keep what the other columns gave; after a timeout, ask nothing more of this device.
          if (error instanceof SnmpTimeoutError) silent = true;
          problems.push(`${name} (${oid}): ${(error as Error).message}`);
        }
      }
      return arrange(columns, walked);
    };
    const chassis = parseChassis(await walkTable(ENTITY_COLUMNS));
    const interfaces = parseInterfaces(await walkTable(INTERFACE_COLUMNS));
    const arp = parseArp(await walkTable(ARP_COLUMNS));
    // Q-BRIDGE (with VLANs) is what current switches fill; the plain BRIDGE-MIB table is read
    // only when it is empty, as Netdisco does: a large forwarding table is walked once, not twice.
    const { fdbPort, ...qBridge } = BRIDGE_COLUMNS;
    const bridge = await walkTable(qBridge);
    const plain = bridge.qFdbPort.size > 0 ? { fdbPort: new Map() } : await walkTable({ fdbPort });
    const own = new Set([...interfaces.map((i) => i.mac), bridgeAddress].filter((m): m is string => m !== null));
    const fdb = parseFdb({ ...bridge, ...plain }, own);
    const lldp = parseLldp(await walkTable(LLDP_COLUMNS));
    return { address: target.host, walkedAtMs: Date.now(), system, chassis, interfaces, arp, fdb, lldp, problems };
  } finally {
    client.close();
  }
}
