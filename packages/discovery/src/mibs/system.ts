import type { Varbind } from '../snmp.ts';
import { int, oid, text } from '../values.ts';
import { vendorOfObjectId } from './enterprises.ts';

/** SNMPv2-MIB system group: what the device says about itself. */
export const SYSTEM_OIDS = {
  descr: '1.3.6.1.2.1.1.1.0',
  objectId: '1.3.6.1.2.1.1.2.0',
  upTime: '1.3.6.1.2.1.1.3.0',
  contact: '1.3.6.1.2.1.1.4.0',
  name: '1.3.6.1.2.1.1.5.0',
  location: '1.3.6.1.2.1.1.6.0',
} as const;

export interface SystemInfo {
  descr: string | null;
  objectId: string | null;
  /** From the enterprise number in sysObjectID. */
  vendor: string | null;
  upTimeSeconds: number | null;
  contact: string | null;
  name: string | null;
  location: string | null;
}

/** Reads the answer to a GET of SYSTEM_OIDS, in that order. */
export function parseSystem(values: Varbind[]): SystemInfo {
  const [descr, objectId, upTime, contact, name, location] = values;
  const ticks = int(upTime); // hundredths of a second
  const objectIdText = oid(objectId);
  return {
    descr: text(descr),
    objectId: objectIdText,
    vendor: objectIdText ? vendorOfObjectId(objectIdText) : null,
    upTimeSeconds: ticks === null ? null : Math.floor(ticks / 100),
    contact: text(contact),
    name: text(name),
    location: text(location),
  };
}
