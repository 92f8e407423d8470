import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { Observation } from '@rollcall/core';
import { agents, devices, inventories, metricsBatches, settings } from '../db/schema.ts';
import { ObservationStore } from './observations.ts';
import { rowsOf } from './rows.ts';

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
  timeZone: string;
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
  /** What reconciliation learns from this inventory: the machine itself, then its LAN neighbours. */
  observations: Observation[];
}

export interface MetricsRecord {
  agentId: string;
  seq: number;
  receivedAt: Date;
  batch: Omit<typeof metricsBatches.$inferInsert, 'id' | 'agentId' | 'deviceId' | 'seq' | 'receivedAt'>;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Claims sequence number `seq` of an agent inside a transaction: false if it was committed before
 * (a replay after reconnect), else records it as the agent's last committed one.
 */
async function claimSeq(tx: Tx, agentId: string, seq: number, now: Date): Promise<boolean> {
  const [agent] = await tx.select({ lastSeq: agents.lastSeq }).from(agents).where(eq(agents.id, agentId)).for('update');
  if (!agent) throw new Error(`agent ${agentId} is not enrolled`);
  if (seq <= agent.lastSeq) return false;
  await tx.update(agents).set({ lastSeq: seq, lastSeen: now }).where(eq(agents.id, agentId));
  return true;
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

  async listAgents(): Promise<AgentRow[]> {
    return this.db.select().from(agents).orderBy(asc(agents.hostname), asc(agents.id));
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
      const { receivedAt: now } = record;
      if (!(await claimSeq(tx, record.agentId, record.seq, now))) return { duplicate: true, deviceId: undefined };

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
      await new ObservationStore(tx as unknown as Db).insertMany(record.observations, now);
      // Metrics that arrived before the agent's first inventory (the agent reports usage while its
      // inventory is still being taken) belong to this device too.
      await tx.update(metricsBatches).set({ deviceId: device!.id }).where(and(eq(metricsBatches.agentId, record.agentId), isNull(metricsBatches.deviceId)));
      return { duplicate: false, deviceId: device!.id };
    });
  }

  /**
   * Stores many agents' metrics batches in one transaction (one multi-row insert): the agents'
   * sequence numbers are claimed together, and a replayed one writes nothing. Result i is for record i.
   */
  async recordMetricsMany(records: readonly MetricsRecord[]): Promise<{ duplicate: boolean }[]> {
    if (records.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const ids = [...new Set(records.map((r) => r.agentId))].sort(); // one lock order: no deadlocks between writers
      const locked = await tx.select({ id: agents.id, lastSeq: agents.lastSeq }).from(agents).where(inArray(agents.id, ids)).orderBy(asc(agents.id)).for('update');
      const lastSeq = new Map(locked.map((a) => [a.id, a.lastSeq]));
      const deviceOf = new Map((await tx.select({ agentId: devices.agentId, id: devices.id }).from(devices).where(inArray(devices.agentId, ids))).map((d) => [d.agentId, d.id]));
      const results = records.map((r) => {
        const last = lastSeq.get(r.agentId);
        if (last === undefined) throw new Error(`agent ${r.agentId} is not enrolled`);
        if (r.seq <= last) return { duplicate: true };
        lastSeq.set(r.agentId, r.seq);
        return { duplicate: false };
      });
      const fresh = records.filter((_, i) => !results[i]!.duplicate);
      if (fresh.length > 0) {
        // One JSON parameter expanded by jsonb_to_recordset: far cheaper to build and send than
        // a statement with twenty parameters a row.
        const rows = JSON.stringify(fresh.map((r) => ({ ...r.batch, agentId: r.agentId, deviceId: deviceOf.get(r.agentId) ?? null, seq: r.seq, receivedAt: r.receivedAt })));
        await tx.execute(sql`
          insert into metrics_batches (agent_id, device_id, seq, start_at, end_at, samples, cpu_min, cpu_avg, cpu_max, memory_min, memory_avg, memory_max,
                                       mounts, net_rx_bytes, net_tx_bytes, uptime_seconds, users, processes, last_input_at, received_at)
          select "agentId", "deviceId", seq, "startAt", "endAt", samples, "cpuMin", "cpuAvg", "cpuMax", "memoryMin", "memoryAvg", "memoryMax",
                 mounts, "netRxBytes", "netTxBytes", "uptimeSeconds",
                 array(select jsonb_array_elements_text(users)), array(select jsonb_array_elements_text(processes)), "lastInputAt", "receivedAt"
          from jsonb_to_recordset(${rows}::jsonb) as x(
            "agentId" text, "deviceId" uuid, seq bigint, "startAt" timestamptz, "endAt" timestamptz, samples int,
            "cpuMin" real, "cpuAvg" real, "cpuMax" real, "memoryMin" real, "memoryAvg" real, "memoryMax" real,
            mounts jsonb, "netRxBytes" bigint, "netTxBytes" bigint, "uptimeSeconds" bigint, users jsonb, processes jsonb, "lastInputAt" timestamptz, "receivedAt" timestamptz)`);
        const claims = JSON.stringify(ids.filter((id) => fresh.some((r) => r.agentId === id)).map((id) => ({ id, seq: lastSeq.get(id), at: fresh.findLast((r) => r.agentId === id)!.receivedAt })));
        await tx.execute(sql`update agents set last_seq = x.seq, last_seen = x.at from jsonb_to_recordset(${claims}::jsonb) as x(id text, seq bigint, at timestamptz) where agents.id = x.id`);
      }
      return results;
    });
  }

  /** Stores one metrics batch; a replayed sequence number writes nothing. */
  async recordMetrics(record: MetricsRecord): Promise<{ duplicate: boolean }> {
    return this.db.transaction(async (tx) => {
      if (!(await claimSeq(tx, record.agentId, record.seq, record.receivedAt))) return { duplicate: true };
      const [device] = await tx.select({ id: devices.id }).from(devices).where(eq(devices.agentId, record.agentId));
      await tx.insert(metricsBatches).values({ ...record.batch, agentId: record.agentId, deviceId: device?.id ?? null, seq: record.seq, receivedAt: record.receivedAt });
      return { duplicate: false };
    });
  }

  tableStats(): Promise<{ table: string; rows: number; bytes: number }[]> {
    return tableStats(this.db);
  }

  /** How many agents reported usage since `since`. */
  async agentsReportingSince(since: Date): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(distinct ${metricsBatches.agentId})::int` }).from(metricsBatches).where(gte(metricsBatches.endAt, since));
    return row?.n ?? 0;
  }

  async metricsOf(agentId: string) {
    return this.db.select().from(metricsBatches).where(eq(metricsBatches.agentId, agentId)).orderBy(asc(metricsBatches.seq));
  }

  /** Whether each stored inventory of an agent came from a full report, oldest first. */
  async inventoryFullness(agentId: string): Promise<boolean[]> {
    const rows = await this.db.select({ full: inventories.full }).from(inventories).where(eq(inventories.agentId, agentId)).orderBy(asc(inventories.seq));
    return rows.map((r) => r.full);
  }

  /** The latest stored (merged, complete) inventory of an agent's machine. */
  async latestSnapshot(agentId: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.db
      .select({ snapshot: inventories.snapshot })
      .from(inventories)
      .where(eq(inventories.agentId, agentId))
      .orderBy(desc(inventories.seq))
      .limit(1);
    return row?.snapshot as Record<string, unknown> | undefined;
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

/** Each of rollcall's tables with its exact row count and its size on disk (indexes and TOAST included). */
export async function tableStats(db: Db): Promise<{ table: string; rows: number; bytes: number }[]> {
  const tables = (await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)) as unknown;
  const names = rowsOf<{ name: string }>(tables).map((t) => t.name);
  const stats: { table: string; rows: number; bytes: number }[] = [];
  for (const name of names) {
    const [row] = rowsOf<{ rows: number; bytes: number }>(
      await db.execute(sql`select (select count(*) from ${sql.identifier(name)})::int as rows, pg_total_relation_size(${`public.${name}`}::regclass)::bigint as bytes`),
    );
    stats.push({ table: name, rows: Number(row?.rows ?? 0), bytes: Number(row?.bytes ?? 0) });
  }
  return stats;
}
