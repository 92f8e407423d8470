import { int, macFromBytes, text } from '../values.ts';
import { subIds, type WalkedTable } from './table.ts';

/** LLDP-MIB: the neighbours each port hears, and the local ports' names. */
export const LLDP_COLUMNS = {
  localPortId: '1.0.8802.1.1.2.1.3.7.1.3',
  localPortDesc: '1.0.8802.1.1.2.1.3.7.1.4',
  chassisIdSubtype: '1.0.8802.1.1.2.1.4.1.1.4',
  chassisId: '1.0.8802.1.1.2.1.4.1.1.5',
  portIdSubtype: '1.0.8802.1.1.2.1.4.1.1.6',
  portId: '1.0.8802.1.1.2.1.4.1.1.7',
  portDesc: '1.0.8802.1.1.2.1.4.1.1.8',
  sysName: '1.0.8802.1.1.2.1.4.1.1.9',
  sysDesc: '1.0.8802.1.1.2.1.4.1.1.10',
} as const;

const MAC_ADDRESS = 4; // LldpChassisIdSubtype / LldpPortIdSubtype macAddress(4) (port subtype 3 is also a MAC)

export interface LldpNeighbour {
  /** The local port number and its name ("Gi1/0/48") where the device reports one. */
  localPort: number;
  localPortName: string | null;
  /** The neighbour's chassis id as text, and as a MAC when it is one. */
  chassisId: string | null;
  chassisMac: string | null;
  portId: string | null;
  portDescr: string | null;
  sysName: string | null;
  sysDescr: string | null;
}

/** lldpRemTable rows (index timeMark.localPortNum.remIndex), one neighbour each. */
export function parseLldp(table: WalkedTable<keyof typeof LLDP_COLUMNS>): LldpNeighbour[] {
  const rows = new Set([...table.chassisId.keys(), ...table.sysName.keys()]);
  return [...rows].map((index) => {
    const localPort = subIds(index)[1] ?? 0;
    const chassis = table.chassisId.get(index);
    const chassisMac = int(table.chassisIdSubtype.get(index)) === MAC_ADDRESS && chassis ? macFromBytes(chassis.raw) : null;
    const portSubtype = int(table.portIdSubtype.get(index));
    const port = table.portId.get(index);
    const portMac = (portSubtype === 3 || portSubtype === MAC_ADDRESS) && port ? macFromBytes(port.raw) : null;
    return {
      localPort,
      localPortName: text(table.localPortDesc.get(String(localPort))) ?? text(table.localPortId.get(String(localPort))),
      chassisId: chassisMac ?? text(chassis),
      chassisMac,
      portId: portMac ?? text(port),
      portDescr: text(table.portDesc.get(index)),
      sysName: text(table.sysName.get(index)),
      sysDescr: text(table.sysDesc.get(index)),
    };
  });
}
