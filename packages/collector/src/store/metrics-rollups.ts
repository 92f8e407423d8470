import type { HoursSummary } from '@rollcall/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { rowsOf } from './rows.ts';

/** settings key: id of the last raw metrics batch folded into the roll-ups. */
export const ROLLUP_WATERMARK = 'metrics_rollup_watermark';

export interface RollupOptions {
  /** Raw batches per transaction (default 50,000): a crash loses at most one chunk's work. */
  chunkRows?: number;
  /**
   * Batches received less than this long ago, and all after them in id order, wait for the next
   * run (default 2 minutes), so a writer's transaction still in flight, which may hold a lower
   * id, is never jumped over.
   */
  settleMs?: number;
  now?: Date;
}

export interface RollupResult {
  /** Raw batches folded, hourly and daily rows written, transactions committed. */
  batches: number;
  hours: number;
  days: number;
  chunks: number;
  watermark: number;
}

export interface RetentionDays {
  /** Raw metrics batches (default 14 days). */
  raw: number;
  /** Hourly and daily roll-ups (default 2 years). */
  aggregates: number;
}

/** Rows deleted by a prune. */
export interface PruneResult {
  batches: number;
  hours: number;
  days: number;
}

export const DEFAULT_RETENTION: RetentionDays = { raw: 14, aggregates: 730 };

const DAY_MS = 86_400_000;

// Every hour (UTC) a batch overlaps, as usageHours in @rollcall/core walks them; a batch with no
// length still puts its own hour online.
const hoursOf = sql`generate_series(date_trunc('hour', b.start_at, 'UTC'), greatest(b.end_at - interval '1 microsecond', b.start_at), interval '1 hour')`;
const daysOf = sql`generate_series(date_trunc('day', b.start_at, 'UTC'), greatest(b.end_at - interval '1 microsecond', b.start_at), interval '1 day')`;

/**
 * Raw batches matching `where` folded into (agent, hour) sums: the seconds of the hour each batch
 * covers (1 ms for a batch with no length, as in usageHours), and CPU and memory weighted by them.
 */
function foldRaw(where: SQL): SQL {
  return sql`
    select b.agent_id, h.hour,
           sum(o.s) as seconds, sum(o.s * coalesce(b.cpu_avg, 0)) as cpu_seconds, sum(o.s * coalesce(b.memory_avg, 0)) as memory_seconds,
           max(b.cpu_max) as cpu_max, max(b.memory_max) as memory_max, count(*)::int as reports,
           bool_or(cardinality(b.users) > 0) as any_users
    from metrics_batches b
    cross join lateral ${hoursOf} as h(hour)
    cross join lateral (select case when b.end_at > b.start_at
                                    then date_part('epoch', least(b.end_at, h.hour + interval '1 hour') - greatest(b.start_at, h.hour))
                                    else 0.001 end as s) o
    where ${where}
    group by b.agent_id, h.hour`;
}

/** Distinct user names per (agent, hour) of the raw batches matching `where`. */
function usersRaw(where: SQL): SQL {
  return sql`
    select b.agent_id, h.hour, array_agg(distinct u order by u) as users
    from metrics_batches b cross join lateral ${hoursOf} as h(hour) cross join lateral unnest(b.users) as u
    where ${where}
    group by b.agent_id, h.hour`;
}

const iso = (ms: number) => new Date(ms).toISOString();

type Executor = Pick<Db, 'execute'>;

/**
 * Rows a data-modifying statement touched, counted in the database (not shipped to us). With
 * `ctes`, the statement is a list of CTEs whose last one, `done`, is the modifying one.
 */
async function count(db: Executor, statement: SQL, ctes = false): Promise<number> {
  const query = ctes ? sql`with ${statement} select count(*)::int as n from done` : sql`with done as (${statement}) select count(*)::int as n from done`;
  const [row] = rowsOf<{ n: number }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

/**
 * Hourly and daily usage roll-ups of the raw metrics batches, and their retention. The roll-up
 * folds batches in id order past a watermark kept in `settings`, one chunk per transaction with
 * the watermark moved in the same commit: each batch is folded exactly once (so hourly sums merge
 * by addition), a second run finds nothing to do, and a crashed run resumes where it stopped.
 * Concurrent runs (several collectors) queue on the watermark row's lock.
 */
export class MetricsRollups {
  constructor(private readonly db: Db) {}

  async run(options: RollupOptions = {}): Promise<RollupResult> {
    const chunkRows = options.chunkRows ?? 50_000;
    const settled = iso((options.now ?? new Date()).getTime() - (options.settleMs ?? 120_000));
    await this.db.execute(sql`insert into settings (key, value) values (${ROLLUP_WATERMARK}, '0') on conflict (key) do nothing`);
    const result: RollupResult = { batches: 0, hours: 0, days: 0, chunks: 0, watermark: 0 };
    for (;;) {
      const chunk = await this.db.transaction(async (tx) => {
        const [state] = rowsOf<{ value: string }>(await tx.execute(sql`select value from settings where key = ${ROLLUP_WATERMARK} for update`));
        const after = Number(state!.value);
        const [range] = rowsOf<{ upto: string | null; n: number }>(
          await tx.execute(sql`
            select max(id) as upto, count(*)::int as n from (
              select id from metrics_batches
              where id > ${after}
                and id < coalesce((select min(id) from metrics_batches where id > ${after} and received_at >= ${settled}), 9223372036854775807)
              order by id limit ${chunkRows}) c`),
        );
        if (range?.upto == null) return { after, upto: after, batches: 0, hours: 0, days: 0 };
        const upto = Number(range.upto);
        const inChunk = sql`b.id > ${after} and b.id <= ${upto}`;
        const hours = await count(
          tx,
          sql`
            insert into metrics_hourly as m (agent_id, hour, seconds, cpu_seconds, memory_seconds, cpu_max, memory_max, users, reports)
            select f.agent_id, f.hour, f.seconds, f.cpu_seconds, f.memory_seconds, f.cpu_max, f.memory_max, coalesce(u.users, '{}'), f.reports
            from (${foldRaw(inChunk)}) f left join (${usersRaw(inChunk)}) u using (agent_id, hour)
            on conflict (agent_id, hour) do update set
              seconds = m.seconds + excluded.seconds,
              cpu_seconds = m.cpu_seconds + excluded.cpu_seconds,
              memory_seconds = m.memory_seconds + excluded.memory_seconds,
              cpu_max = greatest(m.cpu_max, excluded.cpu_max),
              memory_max = greatest(m.memory_max, excluded.memory_max),
              users = case when cardinality(excluded.users) = 0 then m.users
                           else array(select distinct x from unnest(m.users || excluded.users) as x order by x) end,
              reports = m.reports + excluded.reports
            returning 1`,
        );
        // Days the chunk touched are recomputed from their hours (kept as long as the days), and
        // gain the processes the chunk's batches saw.
        const days = await count(
          tx,
          sql`
            touched as (
              select distinct b.agent_id, (d.day at time zone 'UTC')::date as day
              from metrics_batches b cross join lateral ${daysOf} as d(day) where ${inChunk}),
            procs as (
              select b.agent_id, (d.day at time zone 'UTC')::date as day, array_agg(distinct p order by p) as processes
              from metrics_batches b cross join lateral ${daysOf} as d(day) cross join lateral unnest(b.processes) as p
              where ${inChunk} group by 1, 2),
            hours as (
              select h.*, t.day from touched t
              join metrics_hourly h on h.agent_id = t.agent_id
                and h.hour >= t.day::timestamp at time zone 'UTC' and h.hour < (t.day + 1)::timestamp at time zone 'UTC'),
            totals as (
              select agent_id, day, count(*)::int as online_hours, (count(*) filter (where cardinality(users) > 0))::int as user_hours,
                     sum(seconds) as seconds, sum(cpu_seconds) as cpu_seconds, sum(memory_seconds) as memory_seconds,
                     max(cpu_max) as cpu_max, max(memory_max) as memory_max
              from hours group by 1, 2),
            names as (select agent_id, day, array_agg(distinct u order by u) as users from hours cross join lateral unnest(users) as u group by 1, 2),
            done as (
            insert into metrics_daily as m (agent_id, day, online_hours, user_hours, seconds, cpu_seconds, memory_seconds, cpu_max, memory_max, users, processes)
            select t.agent_id, t.day, t.online_hours, t.user_hours, t.seconds, t.cpu_seconds, t.memory_seconds, t.cpu_max, t.memory_max,
                   coalesce(n.users, '{}'), coalesce(p.processes, '{}')
            from totals t left join names n using (agent_id, day) left join procs p using (agent_id, day)
            on conflict (agent_id, day) do update set
              online_hours = excluded.online_hours, user_hours = excluded.user_hours, seconds = excluded.seconds,
              cpu_seconds = excluded.cpu_seconds, memory_seconds = excluded.memory_seconds, cpu_max = excluded.cpu_max,
              memory_max = excluded.memory_max, users = excluded.users,
              processes = case when cardinality(excluded.processes) = 0 then m.processes
                               else array(select distinct x from unnest(m.processes || excluded.processes) as x order by x) end
            returning 1)`,
          true,
        );
        await tx.execute(sql`update settings set value = ${String(upto)} where key = ${ROLLUP_WATERMARK}`);
        return { after, upto, batches: range.n, hours, days };
      });
      result.watermark = chunk.upto;
      if (chunk.batches === 0) return result;
      result.batches += chunk.batches;
      result.hours += chunk.hours;
      result.days += chunk.days;
      result.chunks++;
    }
  }

  /**
   * Deletes raw batches that ended more than `retention.raw` days ago (only those already rolled
   * up) and roll-ups older than `retention.aggregates` days.
   */
  async prune(retention: RetentionDays, now = new Date()): Promise<PruneResult> {
    const rawBefore = iso(now.getTime() - retention.raw * DAY_MS);
    const aggregatesBefore = iso(now.getTime() - retention.aggregates * DAY_MS);
    return this.db.transaction(async (tx) => {
      const batches = await count(tx, sql`delete from metrics_batches where end_at < ${rawBefore} and id <= ${this.watermark()} returning 1`);
      const hours = await count(tx, sql`delete from metrics_hourly where hour < ${aggregatesBefore} returning 1`);
      const days = await count(tx, sql`delete from metrics_daily where day < (${aggregatesBefore}::timestamptz at time zone 'UTC')::date returning 1`);
      return { batches, hours, days };
    });
  }

  /**
   * Each device's hours in [from, to) summed up for utilization (see summarizeHours in
   * @rollcall/core): the hourly roll-ups merged with raw batches not rolled up yet, so a report
   * is exact without waiting for the roll-up job.
   */
  async summaries(fromMs: number, toMs: number, inUseCpuPercent: number, agentId?: string): Promise<Map<string, HoursSummary>> {
    const rows = rowsOf<{ agent_id: string; online_hours: number; in_use_hours: number; cpu_p95: number | null; memory_p95: number | null }>(
      await this.db.execute(sql`
        with merged as (${this.mergedHours(fromMs, toMs, agentId)})
        select agent_id, count(*)::int as online_hours,
               (count(*) filter (where any_users and cpu_avg > ${inUseCpuPercent}))::int as in_use_hours,
               percentile_disc(0.95) within group (order by cpu_avg) as cpu_p95,
               percentile_disc(0.95) within group (order by memory_avg) as memory_p95
        from merged group by agent_id`),
    );
    return new Map(
      rows.map((r) => [r.agent_id, { onlineHours: r.online_hours, inUseHours: r.in_use_hours, cpuP95: r.cpu_p95 === null ? null : Number(r.cpu_p95), memoryP95: r.memory_p95 === null ? null : Number(r.memory_p95) }]),
    );
  }

  /** One device's online hours in [from, to), oldest first. */
  async hours(agentId: string, fromMs: number, toMs: number): Promise<{ hourStartMs: number; cpuAvg: number; memoryAvg: number; userLoggedIn: boolean }[]> {
    const rows = rowsOf<{ hour: string | Date; cpu_avg: number; memory_avg: number; any_users: boolean }>(
      await this.db.execute(sql`with merged as (${this.mergedHours(fromMs, toMs, agentId)}) select hour, cpu_avg, memory_avg, any_users from merged order by hour`),
    );
    return rows.map((r) => ({ hourStartMs: new Date(r.hour).getTime(), cpuAvg: Number(r.cpu_avg), memoryAvg: Number(r.memory_avg), userLoggedIn: r.any_users }));
  }

  /**
   * Processes each device ran in [from, to): whole UTC days from the daily roll-ups (a day that
   * overlaps the period counts), plus raw batches not rolled up yet. `atMs` is the last such day's end.
   */
  async processRuns(fromMs: number, toMs: number): Promise<{ agentId: string; atMs: number; processes: string[] }[]> {
    const rows = rowsOf<{ agent_id: string; at: string | Date; processes: string[] }>(
      await this.db.execute(sql`
        select agent_id, (day + 1)::timestamp at time zone 'UTC' as at, processes from metrics_daily
        where day >= (${iso(fromMs)}::timestamptz at time zone 'UTC')::date and day <= (${iso(toMs)}::timestamptz at time zone 'UTC')::date
          and cardinality(processes) > 0
        union all
        select agent_id, end_at, processes from metrics_batches
        where id > ${this.watermark()} and end_at >= ${iso(fromMs)} and start_at <= ${iso(toMs)} and cardinality(processes) > 0`),
    );
    return rows.map((r) => ({ agentId: r.agent_id, atMs: Math.min(new Date(r.at).getTime(), toMs), processes: r.processes }));
  }

  /** (agent, hour) rows in [from, to): hourly roll-ups plus the fold of batches past the watermark. */
  private mergedHours(fromMs: number, toMs: number, agentId?: string): SQL {
    const from = iso(fromMs);
    const to = iso(toMs);
    const agent = (column: SQL) => (agentId === undefined ? sql`true` : sql`${column} = ${agentId}`);
    const pending = sql`b.id > ${this.watermark()} and b.end_at >= ${from} and b.start_at < ${to} and ${agent(sql`b.agent_id`)}`;
    return sql`
      select agent_id, hour, sum(cpu_seconds) / sum(seconds) as cpu_avg, sum(memory_seconds) / sum(seconds) as memory_avg, bool_or(any_users) as any_users
      from (
        select agent_id, hour, seconds, cpu_seconds, memory_seconds, cardinality(users) > 0 as any_users
        from metrics_hourly where hour >= ${from} and hour < ${to} and ${agent(sql`agent_id`)}
        union all
        select agent_id, hour, seconds, cpu_seconds, memory_seconds, any_users from (${foldRaw(pending)}) f
        where hour >= ${from} and hour < ${to}
      ) h
      group by agent_id, hour`;
  }

  private watermark(): SQL {
    return sql`coalesce((select value::bigint from settings where key = ${ROLLUP_WATERMARK}), 0)`;
  }
}
