import { asc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { metricsBatches } from '../db/schema.ts';
import { ArrayLiteral } from './array-literal.ts';
import { query } from './query.ts';
import { rowsOf } from './rows.ts';

export type MetricsRow = typeof metricsBatches.$inferSelect;

/** One metrics batch an agent sent, as it is stored. */
export interface MetricsRecord {
  agentId: string;
  seq: number;
  receivedAt: Date;
  batch: Omit<typeof metricsBatches.$inferInsert, 'id' | 'agentId' | 'seq' | 'receivedAt'>;
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

/** Agents' raw usage batches (rolled up and pruned by MetricsRollups). */
export class MetricsStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores many agents' metrics batches in one transaction: the agents' sequence numbers are
   * claimed and the fresh batches inserted by one statement, and a replayed one writes nothing.
   * Result i is for record i. Throws, writing nothing, if an agent is not enrolled.
   */
  recordMany(records: readonly MetricsRecord[]): Promise<{ duplicate: boolean }[]> {
    if (records.length === 0) return Promise.resolve([]);
    return query(
      this.db.transaction(async (tx) => {
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
      }),
    );
  }

  /** Stores one metrics batch; a replayed sequence number writes nothing. */
  async record(record: MetricsRecord): Promise<{ duplicate: boolean }> {
    return (await this.recordMany([record]))[0]!;
  }

  /** How many agents reported usage since `since`. */
  async countAgentsSince(since: Date): Promise<number> {
    const [row] = await query(this.db.select({ n: sql<number>`count(distinct ${metricsBatches.agentId})::int` }).from(metricsBatches).where(gte(metricsBatches.endAt, since)));
    return row?.n ?? 0;
  }

  /** An agent's raw batches in the order it sent them. */
  ofAgent(agentId: string): Promise<MetricsRow[]> {
    return query(this.db.select().from(metricsBatches).where(eq(metricsBatches.agentId, agentId)).orderBy(asc(metricsBatches.seq)));
  }
}
