import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { Observation } from '@rollcall/core';
import { agents, devices, inventories, settings } from '../db/schema.ts';
import { ObservationStore } from './observations.ts';

export type AgentRow = typeof agents.$inferSelect;
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
}

export interface InventoryRecord {
  agentId: string;
  seq: number;
  full: boolean;
  device: DeviceFields;
  collectedAt: Date | null;
  receivedAt: Date;
  frameBytes: number;
  snapshot: Record<string, unknown>;
  /** What reconciliation learns from this inventory. */
  observation: Observation;
}

/** The only place with SQL. Works unchanged on PGlite and PostgreSQL. */
export class Store {
  constructor(private readonly db: Db) {}

  async setting(key: string): Promise<string | undefined> {
    const [row] = await this.db.select().from(settings).where(eq(settings.key, key));
    return row?.value;
  }

  /** Returns the stored value, storing `value` first if the key has none (first writer wins). */
  async settingOrInit(key: string, value: string): Promise<string> {
    await this.db.insert(settings).values({ key, value }).onConflictDoNothing();
    return (await this.setting(key))!;
  }

  async agent(id: string): Promise<AgentRow | undefined> {
    const [row] = await this.db.select().from(agents).where(eq(agents.id, id));
    return row;
  }

  /** Creates the agent or gives it a new key (re-enrollment with the token). */
  async enrollAgent(agent: { id: string; keyHash: string; agentVersion: string; platform: string; hostname: string; now: Date }): Promise<void> {
    const { now, ...fields } = agent;
    await this.db
      .insert(agents)
      .values({ ...fields, firstSeen: now, lastSeen: now })
      .onConflictDoUpdate({ target: agents.id, set: { ...fields, lastSeen: now } });
  }

  async touchAgent(id: string, fields: { agentVersion: string; platform: string; hostname: string; now: Date }): Promise<void> {
    const { now, ...rest } = fields;
    await this.db.update(agents).set({ ...rest, lastSeen: now }).where(eq(agents.id, id));
  }

  /**
   * Stores one inventory and its device in one transaction. A sequence number at or below the
   * agent's last committed one is a replay: nothing is written and `duplicate` is true.
   */
  async recordInventory(record: InventoryRecord): Promise<{ duplicate: boolean; deviceId: string | undefined }> {
    return this.db.transaction(async (tx) => {
      const [agent] = await tx
        .select({ lastSeq: agents.lastSeq })
        .from(agents)
        .where(eq(agents.id, record.agentId))
        .for('update');
      if (!agent) throw new Error(`agent ${record.agentId} is not enrolled`);
      if (record.seq <= agent.lastSeq) return { duplicate: true, deviceId: undefined };

      const { receivedAt: now } = record;
      const [device] = await tx
        .insert(devices)
        .values({ agentId: record.agentId, ...record.device, firstSeen: now, lastSeen: now })
        .onConflictDoUpdate({ target: devices.agentId, set: { ...record.device, lastSeen: now } })
        .returning({ id: devices.id });
      await tx.insert(inventories).values({
        deviceId: device!.id,
        agentId: record.agentId,
        seq: record.seq,
        full: record.full,
        collectedAt: record.collectedAt,
        receivedAt: now,
        frameBytes: record.frameBytes,
        snapshot: record.snapshot,
      });
      await new ObservationStore(tx as unknown as Db).insertOne(record.observation, now);
      await tx.update(agents).set({ lastSeq: record.seq, lastSeen: now }).where(eq(agents.id, record.agentId));
      return { duplicate: false, deviceId: device!.id };
    });
  }

  async listDevices(): Promise<DeviceRow[]> {
    return this.db.select().from(devices).orderBy(asc(devices.hostname), asc(devices.id));
  }

  async countInventories(agentId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(inventories)
      .where(eq(inventories.agentId, agentId));
    return row?.n ?? 0;
  }
}
