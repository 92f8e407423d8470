import { asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { devices } from '../db/schema.ts';
import { query } from './query.ts';
import type { Tx } from './rows.ts';

export type DeviceRow = typeof devices.$inferSelect;

/** Identity and summary fields of a device, as its agent last reported them. */
export interface DeviceFields {
  hostname: string;
  serial: string;
  smbiosUuid: string;
  machineId: string;
  macs: string[];
  manufacturer: string;
  model: string;
  os: string;
  timeZone: string;
}

/** The machines agents run on, one per agent, as their inventories last described them. */
export class DeviceStore {
  constructor(private readonly db: Db) {}

  list(): Promise<DeviceRow[]> {
    return query(this.db.select().from(devices).orderBy(asc(devices.hostname), asc(devices.id)));
  }

  /**
   * The devices `ref` names: the one with that device id or agent id, else those with that serial
   * or hostname (any case; a hostname with or without its domain).
   */
  find(ref: string): Promise<DeviceRow[]> {
    const d = devices;
    return query(async () => {
      const exact = await this.db.select().from(d).where(or(sql`${d.id}::text = ${ref}`, eq(d.agentId, ref)));
      if (exact.length > 0) return exact;
      const name = ref.toLowerCase();
      return this.db
        .select()
        .from(d)
        .where(or(sql`upper(${d.serial}) = ${ref.toUpperCase()}`, sql`lower(${d.hostname}) = ${name}`, sql`split_part(lower(${d.hostname}), '.', 1) = ${name}`))
        .orderBy(asc(d.hostname), asc(d.serial), asc(d.id));
    });
  }
}

/** Creates or updates an agent's device as its inventory describes it, inside that inventory's transaction; returns the device id. */
export async function upsertReportedDevice(tx: Tx, agentId: string, fields: DeviceFields, now: Date): Promise<string> {
  const [device] = await tx
    .insert(devices)
    .values({ agentId, ...fields, firstSeen: now, lastSeen: now })
    .onConflictDoUpdate({ target: devices.agentId, set: { ...fields, lastSeen: now } })
    .returning({ id: devices.id });
  return device!.id;
}
