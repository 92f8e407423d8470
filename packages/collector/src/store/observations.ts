import { normalizeMac, type Observation } from '@rollcall/core';
import { and, desc, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { observations } from '../db/schema.ts';
import { escapeLike } from './like.ts';
import { query } from './query.ts';
import { countRows } from './rows.ts';

const BATCH = 5000;

export interface ObservationFilter {
  source?: string;
  /** A MAC (any notation), an IP, a serial or the start of a hostname. */
  find?: string;
}

/** A sighting as stored: with its row id and when the collector recorded it. */
export type StoredObservation = Observation & { id: number; recordedAt: Date };

/** What a sighting says about the machine: sightings from one source that agree on all of it are repeats. */
const SIGHTED = {
  hostname: observations.hostname,
  serial: observations.serial,
  uuid: observations.uuid,
  macs: observations.macs,
  ips: observations.ips,
  vendor: observations.vendor,
  model: observations.model,
  switchPort: observations.switchPort,
};

/** Sightings from every source; reconciliation reads them back as core Observations. */
export class ObservationStore {
  constructor(private readonly db: Db) {}

  /**
   * Bulk insert: each batch travels as one JSON parameter expanded by jsonb_to_recordset, which
   * both PostgreSQL and PGlite run far faster than a statement with thousands of parameters.
   */
  async insertMany(items: Observation[], recordedAt: Date): Promise<number> {
    await query(this.db.transaction(async (tx) => {
      for (let start = 0; start < items.length; start += BATCH) {
        const batch = JSON.stringify(items.slice(start, start + BATCH).map((o) => ({ ...toRow(o, recordedAt), extra: o.extra ?? null })));
        await tx.execute(sql`
          insert into observations (source, seen_at, hostname, serial, uuid, macs, ips, vendor, model, switch_port, extra, recorded_at)
          select source, "seenAt", hostname, serial, uuid,
                 array(select jsonb_array_elements_text(macs)), array(select jsonb_array_elements_text(ips)),
                 vendor, model, "switchPort", extra, "recordedAt"
          from jsonb_to_recordset(${batch}::jsonb) as x(
            source text, "seenAt" timestamptz, hostname text, serial text, uuid text, macs jsonb, ips jsonb,
            vendor text, model text, "switchPort" text, extra jsonb, "recordedAt" timestamptz)`);
      }
    }));
    return items.length;
  }

  /**
   * Every observation up to `asOf`, with repeats folded: identical sightings from one source (an
   * agent's daily inventory, a neighbour in every ARP table read) become one, seen last at the
   * latest and first at the earliest (`firstSeenAt`, null when seen once). So reconciliation reads
   * as many rows as there are distinct sightings, however long the history, and stays exact for
   * any `asOf`. Oldest first.
   */
  async until(asOf: Date): Promise<Observation[]> {
    const o = observations;
    return query(
      this.db
        .select({
          source: o.source,
          seenAt: sql<Date>`max(${o.seenAt})`.mapWith(o.seenAt),
          firstSeenAt: sql<Date | null>`nullif(min(${o.seenAt}), max(${o.seenAt}))`.mapWith(o.seenAt),
          ...SIGHTED,
        })
        .from(o)
        .where(lte(o.seenAt, asOf))
        .groupBy(o.source, ...Object.values(SIGHTED))
        .orderBy(sql`min(${o.seenAt})`, o.source),
    );
  }

  /**
   * Stored sightings, newest first, as they came (not folded): from one source, and/or naming
   * `find` — a MAC in any notation, an IP, a serial, or the start of a hostname.
   */
  async search(filter: ObservationFilter, page: { limit: number; offset: number }): Promise<StoredObservation[]> {
    const o = observations;
    const conditions: SQL[] = [];
    if (filter.source) conditions.push(sql`${o.source} = ${filter.source}`);
    const find = filter.find?.trim();
    if (find) {
      const mac = normalizeMac(find);
      if (mac) conditions.push(sql`${o.macs} @> array[${mac}]::text[]`);
      else
        conditions.push(
          sql`(${o.ips} @> array[${find}]::text[] or upper(${o.serial}) = ${find.toUpperCase()} or lower(${o.hostname}) like ${`${escapeLike(find.toLowerCase())}%`})`,
        );
    }
    return query(
      this.db
        .select({ id: o.id, recordedAt: o.recordedAt, source: o.source, seenAt: o.seenAt, ...SIGHTED })
        .from(o)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(o.seenAt), desc(o.id))
        .limit(page.limit)
        .offset(page.offset),
    );
  }

  /** Deletes sightings seen before `before`; returns how many. */
  async prune(before: Date): Promise<number> {
    return query(countRows(this.db, sql`delete from observations where seen_at < ${before.toISOString()} returning 1`));
  }

  async count(): Promise<number> {
    const [row] = await query(this.db.select({ n: sql<number>`count(*)::int` }).from(observations));
    return row?.n ?? 0;
  }
}

function toRow(o: Observation, recordedAt: Date): typeof observations.$inferInsert {
  return {
    source: o.source,
    seenAt: o.seenAt,
    hostname: o.hostname,
    serial: o.serial,
    uuid: o.uuid,
    macs: o.macs,
    ips: o.ips,
    vendor: o.vendor,
    model: o.model,
    switchPort: o.switchPort ?? null,
    extra: o.extra ?? null,
    recordedAt,
  };
}
