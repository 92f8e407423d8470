import { asc, eq, gte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { Observation } from '@rollcall/core';
import { agents, devices, inventories, metricsBatches, settings } from '../db/schema.ts';
import { InventoryStore } from './inventories.ts';
import { ObservationStore } from './observations.ts';
import { ArrayLiteral } from './array-literal.ts';
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
  batch: Omit<typeof metricsBatches.$inferInsert, 'id' | 'agentId' | 'seq' | 'receivedAt'>;
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

/** Indices of `records` in rounds where each agent appears at most once, keeping each agent's order. */
function roundsByAgent(records: readonly MetricsRecord[]): number[][] {
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const k = seen.get(r.agentId) ?? 0;
    seen.set(r.agentId, k + 1);
    (rounds[k] ??= []).push(i);
  });
  return rounds;
}

/**
 * One statement for the batches of distinct agents: claims each agent's seq (a row lock on the
 * agent, re-checked after any concurrent claim commits, so a replay is skipped by every writer),
 * inserts the batches whose seq it claimed, and returns the agents it claimed for (`claimed`)
 * and those that are not enrolled (`not claimed`); the others replayed.
 * The rows go as one array literal per column, unnested by PostgreSQL: cheaper to build and to
 * parse than JSON or a parameter per value, and the statement text never changes. The mounts,
 * already JSON, go as one JSON array (row n's at index n - 1), parsed once.
 */
function claimAndInsertMetrics(records: readonly MetricsRecord[]) {
  const column = () => new ArrayLiteral();
  const [agentId, seq, receivedMs, startMs, endMs, samples, cpuMin, cpuAvg, cpuMax] = [column(), column(), column(), column(), column(), column(), column(), column(), column()];
  const [memoryMin, memoryAvg, memoryMax, netRx, netTx, uptime, users, processes, lastInputMs] = [column(), column(), column(), column(), column(), column(), column(), column(), column()];
  for (const r of records) {
    const b = r.batch;
    agentId.string(r.agentId);
    seq.number(r.seq);
    receivedMs.number(r.receivedAt.getTime());
    startMs.number(b.startAt.getTime());
    endMs.number(b.endAt.getTime());
    samples.number(b.samples);
    cpuMin.number(b.cpuMin);
    cpuAvg.number(b.cpuAvg);
    cpuMax.number(b.cpuMax);
    memoryMin.number(b.memoryMin);
    memoryAvg.number(b.memoryAvg);
    memoryMax.number(b.memoryMax);
    netRx.number(b.netRxBytes);
    netTx.number(b.netTxBytes);
    uptime.number(b.uptimeSeconds);
    users.strings(b.users);
    processes.strings(b.processes);
    lastInputMs.number(b.lastInputAt?.getTime());
  }
  const mounts = JSON.stringify(records.map((r) => r.batch.mounts));
  return sql`
    with x as materialized (
      select * from unnest(${agentId.as('text[]')}, ${seq.as('int8[]')}, ${receivedMs.as('float8[]')}, ${startMs.as('float8[]')}, ${endMs.as('float8[]')},
                           ${samples.as('int4[]')}, ${cpuMin.as('float4[]')}, ${cpuAvg.as('float4[]')}, ${cpuMax.as('float4[]')},
                           ${memoryMin.as('float4[]')}, ${memoryAvg.as('float4[]')}, ${memoryMax.as('float4[]')},
                           ${netRx.as('int8[]')}, ${netTx.as('int8[]')}, ${uptime.as('int8[]')}, ${users.as('text[]')}, ${processes.as('text[]')},
                           ${lastInputMs.as('float8[]')}) with ordinality
        as x(agent_id, seq, received_ms, start_ms, end_ms, samples, cpu_min, cpu_avg, cpu_max, memory_min, memory_avg, memory_max,
             net_rx_bytes, net_tx_bytes, uptime_seconds, users, processes, last_input_ms, n)
    ), claimed as (
      update agents set last_seq = x.seq, last_seen = to_timestamp(x.received_ms / 1000)
      from x where agents.id = x.agent_id and agents.last_seq < x.seq
      returning agents.id
    ), stored as (
      insert into metrics_batches (agent_id, seq, start_at, end_at, samples, cpu_min, cpu_avg, cpu_max, memory_min, memory_avg, memory_max,
                                   mounts, net_rx_bytes, net_tx_bytes, uptime_seconds, users, processes, last_input_at, received_at)
      select x.agent_id, x.seq, to_timestamp(x.start_ms / 1000), to_timestamp(x.end_ms / 1000), x.samples, x.cpu_min, x.cpu_avg, x.cpu_max,
             x.memory_min, x.memory_avg, x.memory_max, ${mounts}::text::jsonb -> (x.n::int - 1), x.net_rx_bytes, x.net_tx_bytes, x.uptime_seconds,
             x.users::text[], x.processes::text[], to_timestamp(x.last_input_ms / 1000), to_timestamp(x.received_ms / 1000)
      from x join claimed on claimed.id = x.agent_id
    )
    select id, true as claimed from claimed
    union all
    select x.agent_id, false from x where not exists (select from claimed where claimed.id = x.agent_id) and not exists (select from agents where agents.id = x.agent_id)`;
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
      return { duplicate: false, deviceId: device!.id };
    });
  }

  /**
   * Stores many agents' metrics batches in one transaction: the agents' sequence numbers are
   * claimed and the fresh batches inserted by one statement, and a replayed one writes nothing.
   * Result i is for record i. Throws, writing nothing, if an agent is not enrolled.
   */
  async recordMetricsMany(records: readonly MetricsRecord[]): Promise<{ duplicate: boolean }[]> {
    if (records.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const results: { duplicate: boolean }[] = new Array(records.length);
      // One statement claims each agent's seq once: an agent with several batches here (it
      // reconnected while one was on its way) has them claimed in rounds, in their order.
      for (const round of roundsByAgent(records)) {
        const rows = rowsOf<{ id: string; claimed: boolean }>(await tx.execute(claimAndInsertMetrics(round.map((i) => records[i]!))));
        const unknown = rows.find((r) => !r.claimed);
        if (unknown) throw new Error(`agent ${unknown.id} is not enrolled`);
        const claimed = new Set(rows.map((r) => r.id));
        for (const i of round) results[i] = { duplicate: !claimed.has(records[i]!.agentId) };
      }
      return results;
    });
  }

  /** Stores one metrics batch; a replayed sequence number writes nothing. */
  async recordMetrics(record: MetricsRecord): Promise<{ duplicate: boolean }> {
    return (await this.recordMetricsMany([record]))[0]!;
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
    return (await new InventoryStore(this.db).latest(agentId))?.snapshot;
  }

  async listDevices(): Promise<DeviceRow[]> {
    return this.db.select().from(devices).orderBy(asc(devices.hostname), asc(devices.id));
  }

  /**
   * The devices `ref` names: the one with that device id or agent id, else those with that serial
   * or hostname (any case; a hostname with or without its domain).
   */
  async findDevices(ref: string): Promise<DeviceRow[]> {
    const d = devices;
    const exact = await this.db.select().from(d).where(or(sql`${d.id}::text = ${ref}`, eq(d.agentId, ref)));
    if (exact.length > 0) return exact;
    const name = ref.toLowerCase();
    return this.db
      .select()
      .from(d)
      .where(or(sql`upper(${d.serial}) = ${ref.toUpperCase()}`, sql`lower(${d.hostname}) = ${name}`, sql`split_part(lower(${d.hostname}), '.', 1) = ${name}`))
      .orderBy(asc(d.hostname), asc(d.serial), asc(d.id));
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
