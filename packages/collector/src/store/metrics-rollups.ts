import type { HoursSummary } from '@rollcall/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { RetentionDays } from '../retention-days.ts';
import { query } from './query.ts';
import { countRows, rowsOf } from './rows.ts';

/** settings keys: id of the last raw metrics batch folded into the hourly, and the daily, roll-ups. */
export const ROLLUP_WATERMARK = 'metrics_rollup_watermark';
export const DAILY_WATERMARK = 'metrics_rollup_daily_watermark';

export interface RollupOptions {
  /** Raw batches per transaction of the hourly stage (default 50,000): a crash loses at most one chunk's work. */
  chunkRows?: number;
  /**
   * Raw batches per transaction of the daily stage (default 200 × chunkRows: a month of hourly
   * reports from 10,000 devices in one). Each chunk recomputes every day in its span and reads
   * the hours of that span, so bigger chunks recompute and read each day fewer times.
   */
  dayChunkRows?: number;
  /**
   * Batches received less than this long ago, and all after them in id order, wait for the next
   * run (default 2 minutes), so a writer's transaction still in flight, which may hold a lower
   * id, is never jumped over.
   */
  settleMs?: number;
  now?: Date;
}

export interface RollupResult {
  /** Raw batches folded, hourly rows written, daily rows recomputed (each chunk recomputes every day in its span, for every device), transactions committed. */
  batches: number;
  hours: number;
  days: number;
  chunks: number;
}

/** Rows deleted by a prune. */
export interface PruneResult {
  batches: number;
  hours: number;
  days: number;
}

const DAY_MS = 86_400_000;

/**
 * The last instant raw batch `b` covers: just before its end, or its start when it has no
 * length (such a batch still puts its own hour and day online).
 */
const LAST_INSTANT = sql`greatest(b.end_at - interval '1 microsecond', b.start_at)`;

/**
 * CTEs ending in `pieces`: raw batches matching `where`, one row per batch and UTC clock hour it
 * overlaps (as usageHours in @rollcall/core walks them), with the seconds it covers there: 1 ms
 * for a batch with no length, which still puts its own hour online. The batches are read once;
 * those within one hour (nearly all) skip the series.
 */
function pieces(where: SQL): SQL {
  return sql`
    batches as materialized (
      select b.agent_id, b.start_at, b.end_at, b.cpu_avg, b.memory_avg, b.cpu_max, b.memory_max, b.users, b.last_input_at,
             date_trunc('hour', b.start_at, 'UTC') as first_hour, date_trunc('hour', ${LAST_INSTANT}, 'UTC') as last_hour
      from metrics_batches b where ${where}),
    pieces as materialized (
      select agent_id, first_hour as hour, case when end_at > start_at then date_part('epoch', end_at - start_at) else 0.001 end as s,
             cpu_avg, memory_avg, cpu_max, memory_max, users, last_input_at
      from batches where first_hour = last_hour
      union all
      select agent_id, h.hour, date_part('epoch', least(end_at, h.hour + interval '1 hour') - greatest(start_at, h.hour)),
             cpu_avg, memory_avg, cpu_max, memory_max, users, last_input_at
      from batches cross join lateral generate_series(first_hour, last_hour, interval '1 hour') as h(hour)
      where first_hour <> last_hour)`;
}

/**
 * The `pieces` CTE summed per (agent, hour): CPU and memory weighted by the seconds covered.
 * min/max of the user lists tell whether all pieces of the hour share one list (the usual case).
 * `input`: a batch's last input counts for the hour it fell in (as usageHours in core); null when
 * no batch of the hour carried an input signal.
 */
const FOLD = sql`
  select agent_id, hour, sum(s) as seconds, sum(s * coalesce(cpu_avg, 0)) as cpu_seconds, sum(s * coalesce(memory_avg, 0)) as memory_seconds,
         max(cpu_max) as cpu_max, max(memory_max) as memory_max, count(*)::int as reports, bool_or(cardinality(users) > 0) as any_users,
         bool_or(date_trunc('hour', last_input_at, 'UTC') = hour) as input, min(users) as users_min, max(users) as users_max
  from pieces group by agent_id, hour`;

/** isInUse of @rollcall/core over `merged` rows: input decides where there was a signal, else CPU. */
const IN_USE = (inUseCpuPercent: number) => sql`any_users and coalesce(input, cpu_avg > ${inUseCpuPercent})`;

const sortedNames = (list: SQL) => sql`array(select distinct x from unnest(${list}) as x order by x)`;

// Set in each roll-up and report transaction. generate_series rows are misestimated, which makes
// PostgreSQL's JIT compile for seconds and its hash aggregates spill to disk: neither pays here.
const PLANNER = [sql`set local jit = off`, sql`set local work_mem = '64MB'`];
// Roll-up transactions only: a crash may lose the last commits, but each takes its work and its
// watermark together, so the next run redoes exactly what was lost; no flush wait per chunk. The
// joins to the (nearly always empty) sets of mixed user or process lists were planned as merge
// joins, sorting every hour of the chunk first (4 s a daily chunk); a hash join of an empty set
// reads nothing.
const ROLLUP = [...PLANNER, sql`set local synchronous_commit = off`, sql`set local enable_mergejoin = off`];

const iso = (ms: number) => new Date(ms).toISOString();

type Executor = Pick<Db, 'execute'>;

/**
 * Folds the batches matching `inChunk` into their hours: sums add, maxima and user lists merge.
 * New hours are plain inserts and only hours already there are updated: ON CONFLICT's
 * speculative insertion made each insert 75 % dearer. Safe without it, as only the roll-up
 * writes hours and its runs queue on the watermark lock.
 */
function hourlyUpsert(inChunk: SQL): SQL {
  return sql`
    ${pieces(inChunk)},
    f as (${FOLD}),
    mixed as (
      select p.agent_id, p.hour, array_agg(distinct x order by x) as users
      from pieces p join f using (agent_id, hour) cross join lateral unnest(p.users) as x
      where f.users_min <> f.users_max group by 1, 2),
    folded as materialized (
      select f.agent_id, f.hour, f.seconds, f.cpu_seconds, f.memory_seconds, f.cpu_max, f.memory_max, f.reports, f.input,
             case when f.users_min <> f.users_max then m.users when cardinality(f.users_min) <= 1 then f.users_min else ${sortedNames(sql`f.users_min`)} end as users,
             e.present is not null as present
      from f left join mixed m using (agent_id, hour)
      -- A probe of the key per hour: as a join or hashed subplan it would read the whole table.
      left join lateral (select true as present from metrics_hourly e where e.hour = f.hour and e.agent_id = f.agent_id limit 1) e on true),
    inserted as (
      insert into metrics_hourly (agent_id, hour, seconds, cpu_seconds, memory_seconds, cpu_max, memory_max, users, input, reports)
      select agent_id, hour, seconds, cpu_seconds, memory_seconds, cpu_max, memory_max, users, input, reports from folded where not present
      returning 1),
    updated as (
      update metrics_hourly m set
        seconds = m.seconds + f.seconds,
        cpu_seconds = m.cpu_seconds + f.cpu_seconds,
        memory_seconds = m.memory_seconds + f.memory_seconds,
        cpu_max = greatest(m.cpu_max, f.cpu_max),
        memory_max = greatest(m.memory_max, f.memory_max),
        users = case when cardinality(f.users) = 0 then m.users else ${sortedNames(sql`m.users || f.users`)} end,
        -- true if either saw input, else false if either had a signal, else null.
        input = coalesce(m.input or f.input, m.input, f.input),
        reports = m.reports + f.reports
      from folded f where f.present and m.hour = f.hour and m.agent_id = f.agent_id
      returning 1),
    done as (select 1 from inserted union all select 1 from updated)`;
}

/**
 * CTEs ending in `batch_days`: the raw batches matching `where` that listed processes, one row
 * per batch and UTC day it overlaps. The batches are read once; those within one day (nearly
 * all) skip the series.
 */
function processDays(where: SQL): SQL {
  return sql`
    batches as materialized (
      select b.agent_id, b.processes, date_trunc('day', b.start_at, 'UTC') as first_day,
             date_trunc('day', ${LAST_INSTANT}, 'UTC') as last_day
      from metrics_batches b where ${where} and cardinality(b.processes) > 0),
    batch_days as materialized (
      select agent_id, (first_day at time zone 'UTC')::date as day, processes from batches where first_day = last_day
      union all
      select agent_id, (d at time zone 'UTC')::date, processes
      from batches cross join lateral generate_series(first_day, last_day, interval '1 day') as d
      where first_day <> last_day)`;
}

/**
 * Per (agent, day) of `rows`, the least and greatest non-empty `column` list: equal when every
 * row of the day had the same list (the usual case), which is then the day's names.
 */
function namesOf(rows: string, day: SQL, column: 'users' | 'processes'): SQL {
  const list = sql.identifier(column);
  return sql`
    select agent_id, ${day} as day, min(${list}) as first, max(${list}) as last
    from ${sql.identifier(rows)} where cardinality(${list}) > 0 group by 1, 2`;
}

/** The days whose lists differ (`first` <> `last` in `lists`): all their names from `rows`, distinct and sorted. */
function mixedNamesOf(rows: string, day: SQL, column: 'users' | 'processes', lists: string): SQL {
  const list = sql.identifier(column);
  return sql`
    select r.agent_id, l.day, array_agg(distinct x order by x) as names
    from ${sql.identifier(rows)} r join ${sql.identifier(lists)} l on l.agent_id = r.agent_id and l.day = ${day} and l.first <> l.last
    cross join lateral unnest(r.${list}) as x
    group by 1, 2`;
}

/** The names of a day: none, all of its mixed lists, or its one list (`sorted`: already distinct and in order, as hours' lists are). */
const namesOrMixed = (lists: string, mixed: string, sorted = false) => {
  const l = sql.identifier(lists);
  const m = sql.identifier(mixed);
  const one = sql`${l}.first`;
  return sql`case when ${l}.first is null then '{}' when ${l}.first <> ${l}.last then ${m}.names else ${sorted ? one : sortedNames(one)} end`;
};

/**
 * Recomputes, from their hours, every day in [first, last) (the UTC day span of the batches
 * matching `inChunk`): online and user hours, the usage sums and the users (counts
 * of distinct hours cannot be added up chunk by chunk; hours are kept as long as days).
 * Processes are not in the hours: those of the chunk's batches are merged in (a union, so it is
 * exact however the batches were chunked). The whole span, every device, in one pass over the
 * hours: picking out only the (device, day) pairs the batches touched cost more than
 * recomputing the rest. The span comes in as literals, so the planner sees how much of the
 * table it covers (a seq scan for a month, the hour-first key for the last hour); the hours are
 * read again only for days whose hourly user lists differ.
 */
function dailyUpsert(inChunk: SQL, first: string, last: string): SQL {
  const inSpan = (hour: SQL) => sql`${hour} >= ${first} and ${hour} < ${last}`;
  return sql`
    -- first/last: the least and greatest non-empty user list of the day (see namesOf).
    totals as materialized (
      select agent_id, (hour at time zone 'UTC')::date as day, count(*)::int as online_hours, (count(*) filter (where cardinality(users) > 0))::int as user_hours,
             sum(seconds) as seconds, sum(cpu_seconds) as cpu_seconds, sum(memory_seconds) as memory_seconds,
             max(cpu_max) as cpu_max, max(memory_max) as memory_max,
             min(users) filter (where cardinality(users) > 0) as first, max(users) filter (where cardinality(users) > 0) as last
      from metrics_hourly where ${inSpan(sql`hour`)} group by 1, 2),
    mixed_users as (
      select l.agent_id, l.day, array_agg(distinct x order by x) as names
      from totals l
      join metrics_hourly h on h.agent_id = l.agent_id and ${inSpan(sql`h.hour`)}
        and h.hour >= l.day::timestamp at time zone 'UTC' and h.hour < (l.day + 1)::timestamp at time zone 'UTC'
      cross join lateral unnest(h.users) as x
      where l.first <> l.last group by 1, 2),
    ${processDays(inChunk)},
    procs as (${namesOf('batch_days', sql`day`, 'processes')}),
    mixed_procs as (${mixedNamesOf('batch_days', sql`r.day`, 'processes', 'procs')}),
    done as (
      insert into metrics_daily as m (agent_id, day, online_hours, user_hours, seconds, cpu_seconds, memory_seconds, cpu_max, memory_max, users, processes)
      select t.agent_id, t.day, t.online_hours, t.user_hours, t.seconds, t.cpu_seconds, t.memory_seconds, t.cpu_max, t.memory_max,
             ${namesOrMixed('t', 'mixed_users', true)}, ${namesOrMixed('procs', 'mixed_procs')}
      from totals t
      left join procs using (agent_id, day)
      left join mixed_users using (agent_id, day) left join mixed_procs using (agent_id, day)
      on conflict (day, agent_id) do update set
        online_hours = excluded.online_hours, user_hours = excluded.user_hours, seconds = excluded.seconds,
        cpu_seconds = excluded.cpu_seconds, memory_seconds = excluded.memory_seconds, cpu_max = excluded.cpu_max,
        memory_max = excluded.memory_max, users = excluded.users,
        processes = case when cardinality(excluded.processes) = 0 then m.processes else ${sortedNames(sql`m.processes || excluded.processes`)} end
      returning 1)`;
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

  /**
   * Rolls up every settled batch not rolled up yet: first into hours (chunk by chunk past the
   * hourly watermark), then the days those batches touched (past the daily watermark, which
   * trails the hourly one). Each stage commits its watermark with its work.
   */
  run(options: RollupOptions = {}): Promise<RollupResult> {
    return query(() => this.rollUp(options));
  }

  private async rollUp(options: RollupOptions): Promise<RollupResult> {
    const chunkRows = options.chunkRows ?? 50_000;
    const dayChunkRows = options.dayChunkRows ?? chunkRows * 200;
    const settled = iso((options.now ?? new Date()).getTime() - (options.settleMs ?? 120_000));
    await this.db.execute(sql`insert into settings (key, value) values (${ROLLUP_WATERMARK}, '0'), (${DAILY_WATERMARK}, '0') on conflict (key) do nothing`);
    const result: RollupResult = { batches: 0, hours: 0, days: 0, chunks: 0 };
    for (;;) {
      const chunk = await this.chunk(ROLLUP_WATERMARK, async (tx, after) => {
        // The next chunk in id order, cut before the first batch that has not settled yet.
        const [range] = rowsOf<{ upto: string | null; n: number }>(
          await tx.execute(sql`
            with c as (select id, received_at from metrics_batches where id > ${after} order by id limit ${chunkRows}),
                 fresh as (select min(id) as id from c where received_at >= ${settled})
            select max(c.id) as upto, count(*)::int as n from c, fresh where fresh.id is null or c.id < fresh.id`),
        );
        if (range?.upto == null) return undefined;
        const rows = await countRows(tx, hourlyUpsert(sql`b.id > ${after} and b.id <= ${range.upto}`), true);
        return { upto: Number(range.upto), batches: range.n, rows };
      });
      if (!chunk) break;
      result.batches += chunk.batches;
      result.hours += chunk.rows;
      result.chunks++;
    }
    for (;;) {
      const chunk = await this.chunk(DAILY_WATERMARK, async (tx, after) => {
        // The next chunk in id order and the UTC days its batches overlap.
        const [range] = rowsOf<{ upto: string | null; n: number; first: string | Date; last: string | Date }>(
          await tx.execute(sql`
            select max(b.id) as upto, count(*)::int as n, date_trunc('day', min(b.start_at), 'UTC') as first,
                   date_trunc('day', max(${LAST_INSTANT}), 'UTC') + interval '1 day' as last
            from (select id, start_at, end_at from metrics_batches where id > ${after} and id <= ${this.watermark()} order by id limit ${dayChunkRows}) b`),
        );
        if (range?.upto == null) return undefined;
        const span = [range.first, range.last].map((t) => iso(new Date(t).getTime())) as [string, string];
        const rows = await countRows(tx, dailyUpsert(sql`b.id > ${after} and b.id <= ${range.upto}`, ...span), true);
        return { upto: Number(range.upto), batches: range.n, rows };
      });
      if (!chunk) break;
      result.days += chunk.rows;
      result.chunks++;
    }
    return result;
  }

  /**
   * One transaction of a roll-up stage: locks the stage's watermark (so collectors running the
   * same stage queue), does the work past it, and moves it in the same commit.
   */
  private chunk(
    key: string,
    work: (tx: Executor, after: number) => Promise<{ upto: number; batches: number; rows: number } | undefined>,
  ): Promise<{ upto: number; batches: number; rows: number } | undefined> {
    return this.db.transaction(async (tx) => {
      const [state] = rowsOf<{ value: string }>(await tx.execute(sql`select value from settings where key = ${key} for update`));
      for (const setting of ROLLUP) await tx.execute(setting);
      const done = await work(tx, Number(state!.value));
      if (done) await tx.execute(sql`update settings set value = ${String(done.upto)} where key = ${key}`);
      return done;
    });
  }

  /**
   * Deletes raw batches that ended more than `retention.raw` days ago (only those already rolled
   * up into hours and days) and roll-ups older than `retention.aggregates` days.
   */
  async prune(retention: Pick<RetentionDays, 'raw' | 'aggregates'>, now = new Date()): Promise<PruneResult> {
    const rawBefore = iso(now.getTime() - retention.raw * DAY_MS);
    const aggregatesBefore = iso(now.getTime() - retention.aggregates * DAY_MS);
    return query(this.db.transaction(async (tx) => {
      const batches = await countRows(tx, sql`delete from metrics_batches where end_at < ${rawBefore} and id <= ${this.watermark(DAILY_WATERMARK)} returning 1`);
      const hours = await countRows(tx, sql`delete from metrics_hourly where hour < ${aggregatesBefore} returning 1`);
      const days = await countRows(tx, sql`delete from metrics_daily where day < (${aggregatesBefore}::timestamptz at time zone 'UTC')::date returning 1`);
      return { batches, hours, days };
    }));
  }

  /**
   * Each device's hours in [from, to) summed up for utilization (see summarizeHours in
   * @rollcall/core): the hourly roll-ups merged with raw batches not rolled up yet, so a report
   * is exact without waiting for the roll-up job.
   */
  async summaries(fromMs: number, toMs: number, inUseCpuPercent: number, agentId?: string): Promise<Map<string, HoursSummary>> {
    const rows = rowsOf<{ agent_id: string; online_hours: number; in_use_hours: number; cpu_p95: number | null; memory_p95: number | null; first_hour: string | Date }>(
      await this.planned(
        async (tx) => sql`
        with ${await this.mergedHours(tx, fromMs, toMs, agentId)}
        select agent_id, count(*)::int as online_hours, min(hour) as first_hour,
               (count(*) filter (where ${IN_USE(inUseCpuPercent)}))::int as in_use_hours,
               percentile_disc(0.95) within group (order by cpu_avg) as cpu_p95,
               percentile_disc(0.95) within group (order by memory_avg) as memory_p95
        from merged group by agent_id`,
      ),
    );
    return new Map(
      rows.map((r) => [
        r.agent_id,
        {
          onlineHours: r.online_hours,
          inUseHours: r.in_use_hours,
          cpuP95: r.cpu_p95 === null ? null : Number(r.cpu_p95),
          memoryP95: r.memory_p95 === null ? null : Number(r.memory_p95),
          firstHourMs: new Date(r.first_hour).getTime(),
        },
      ]),
    );
  }

  /** One device's online hours in [from, to), oldest first. */
  async hours(agentId: string, fromMs: number, toMs: number): Promise<{ hourStartMs: number; cpuAvg: number; memoryAvg: number; userLoggedIn: boolean; input: boolean | null }[]> {
    const rows = rowsOf<{ hour: string | Date; cpu_avg: number; memory_avg: number; any_users: boolean; input: boolean | null }>(
      await this.planned(async (tx) => sql`with ${await this.mergedHours(tx, fromMs, toMs, agentId)} select hour, cpu_avg, memory_avg, any_users, input from merged order by hour`),
    );
    return rows.map((r) => ({ hourStartMs: new Date(r.hour).getTime(), cpuAvg: Number(r.cpu_avg), memoryAvg: Number(r.memory_avg), userLoggedIn: r.any_users, input: r.input }));
  }

  /**
   * Processes each device ran in [from, to): whole UTC days from the daily roll-ups (a day that
   * overlaps the period counts), plus raw batches not rolled up yet. `atMs` is the last such day's end.
   */
  async processRuns(fromMs: number, toMs: number): Promise<{ agentId: string; atMs: number; processes: string[] }[]> {
    const rows = rowsOf<{ agent_id: string; at: string | Date; processes: string[] }>(
      await query(this.db.execute(sql`
        select agent_id, (day + 1)::timestamp at time zone 'UTC' as at, processes from metrics_daily
        where day >= (${iso(fromMs)}::timestamptz at time zone 'UTC')::date and day <= (${iso(toMs)}::timestamptz at time zone 'UTC')::date
          and cardinality(processes) > 0
        union all
        select agent_id, end_at, processes from metrics_batches
        where id > ${this.watermark(DAILY_WATERMARK)} and end_at >= ${iso(fromMs)} and start_at <= ${iso(toMs)} and cardinality(processes) > 0`)),
    );
    return rows.map((r) => ({ agentId: r.agent_id, atMs: Math.min(new Date(r.at).getTime(), toMs), processes: r.processes }));
  }

  /**
   * CTEs ending in `merged`: (agent, hour) rows in [from, to), the hourly roll-ups plus the fold
   * of batches past the watermark. Only hours from the first one those batches touch (found
   * first, as a literal the planner can use) are grouped to merge the two: grouping a month of
   * 10,000 devices' hours cost 15 s, passing them through 1.5 s. Run it in one snapshot with
   * that lookup (see planned), so no batch can be rolled up in between.
   */
  private async mergedHours(tx: Executor, fromMs: number, toMs: number, agentId?: string): Promise<SQL> {
    const from = iso(fromMs);
    const to = iso(toMs);
    const agent = (column: SQL) => (agentId === undefined ? sql`true` : sql`${column} = ${agentId}`);
    const pending = sql`b.id > ${this.watermark()} and b.end_at >= ${from} and b.start_at < ${to} and ${agent(sql`b.agent_id`)}`;
    const [first] = rowsOf<{ hour: string | Date | null }>(await tx.execute(sql`select min(date_trunc('hour', b.start_at, 'UTC')) as hour from metrics_batches b where ${pending}`));
    const split = first?.hour == null ? to : iso(Math.max(fromMs, Math.min(toMs, new Date(first.hour).getTime())));
    return sql`
      ${pieces(pending)},
      fresh as (${FOLD}),
      merged as (
        select agent_id, hour, cpu_seconds / seconds as cpu_avg, memory_seconds / seconds as memory_avg, cardinality(users) > 0 as any_users, input
        from metrics_hourly where hour >= ${from} and hour < ${split} and ${agent(sql`agent_id`)}
        union all
        select agent_id, hour, sum(cpu_seconds) / sum(seconds), sum(memory_seconds) / sum(seconds), bool_or(any_users), bool_or(input)
        from (
          select agent_id, hour, seconds, cpu_seconds, memory_seconds, cardinality(users) > 0 as any_users, input
          from metrics_hourly where hour >= ${split} and hour < ${to} and ${agent(sql`agent_id`)}
          union all
          select agent_id, hour, seconds, cpu_seconds, memory_seconds, any_users, input from fresh where hour >= ${from} and hour < ${to}
        ) h
        group by agent_id, hour)`;
  }

  /**
   * A read-only query under the roll-up planner settings (they need a transaction to stay
   * local), built inside it: its statements share one snapshot.
   */
  private planned(statement: (tx: Executor) => Promise<SQL>): Promise<unknown> {
    return query(
      this.db.transaction(
        async (tx) => {
          for (const setting of PLANNER) await tx.execute(setting);
          return tx.execute(await statement(tx));
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
    );
  }

  private watermark(key = ROLLUP_WATERMARK): SQL {
    return sql`coalesce((select value::bigint from settings where key = ${key}), 0)`;
  }
}
