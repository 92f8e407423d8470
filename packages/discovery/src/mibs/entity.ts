import { int, text } from '../values.ts';
import { indexes, subIds, type WalkedTable } from './table.ts';

/** ENTITY-MIB entPhysicalTable columns that describe the chassis. */
export const ENTITY_COLUMNS = {
  descr: '1.3.6.1.2.1.47.1.1.1.1.2',
  containedIn: '1.3.6.1.2.1.47.1.1.1.1.4',
  class: '1.3.6.1.2.1.47.1.1.1.1.5',
  hardwareRev: '1.3.6.1.2.1.47.1.1.1.1.8',
  firmwareRev: '1.3.6.1.2.1.47.1.1.1.1.9',
  softwareRev: '1.3.6.1.2.1.47.1.1.1.1.10',
  serialNum: '1.3.6.1.2.1.47.1.1.1.1.11',
  mfgName: '1.3.6.1.2.1.47.1.1.1.1.12',
  modelName: '1.3.6.1.2.1.47.1.1.1.1.13',
} as const;

const CHASSIS = 3; // PhysicalClass chassis(3)
const STACK = 11; // PhysicalClass stack(11): a stack's members are chassis inside it

export interface Chassis {
  serial: string | null;
  model: string | null;
  manufacturer: string | null;
  firmware: string | null;
  hardwareRev: string | null;
  descr: string | null;
}

/**
 * The device's chassis: the chassis entity at the top of the containment tree (contained in
 * nothing, or in a stack), lowest index first. Null when the device has no ENTITY-MIB.
 */
export function parseChassis(table: WalkedTable<keyof typeof ENTITY_COLUMNS>): Chassis | null {
  const rows = indexes(table)
    .filter((index) => int(table.class.get(index)) === CHASSIS)
    .sort((a, b) => subIds(a)[0]! - subIds(b)[0]!);
  const topLevel = (index: string) => {
    const parent = int(table.containedIn.get(index));
    return parent === 0 || parent === null || int(table.class.get(String(parent))) === STACK;
  };
  const index = rows.find(topLevel) ?? rows[0];
  if (index === undefined) return null;
  return {
    serial: text(table.serialNum.get(index)),
    model: text(table.modelName.get(index)),
    manufacturer: text(table.mfgName.get(index)),
    firmware: text(table.softwareRev.get(index)) ?? text(table.firmwareRev.get(index)),
    hardwareRev: text(table.hardwareRev.get(index)),
    descr: text(table.descr.get(index)),
  };
}
