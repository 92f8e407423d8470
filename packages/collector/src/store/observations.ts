import type { Observation } from '@rollcall/core';
import { lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { observations } from '../db/schema.ts';

const BATCH = 2000;

/** Sightings from every source; reconciliation reads them back as core Observations. */
export class ObservationStore {
  constructor(private readonly db: Db) {}

  async insertMany(items: Observation[], recordedAt: Date): Promise<number> {
    await this.db.transaction(async (tx) => {
      for (let start = 0; start < items.length; start += BATCH) {
        await tx.insert(observations).values(items.slice(start, start + BATCH).map((o) => toRow(o, recordedAt)));
      }
    });
    return items.length;
  }

  async insertOne(item: Observation, recordedAt: Date, db: Db = this.db): Promise<void> {
    await db.insert(observations).values(toRow(item, recordedAt));
  }

  /** Every observation up to `asOf`. */
  async until(asOf: Date): Promise<Observation[]> {
    const rows = await this.db
      .select({
        source: observations.source,
        seenAt: observations.seenAt,
        hostname: observations.hostname,
        serial: observations.serial,
        uuid: observations.uuid,
        macs: observations.macs,
        ips: observations.ips,
        vendor: observations.vendor,
        model: observations.model,
      })
      .from(observations)
      .where(lte(observations.seenAt, asOf));
    return rows;
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(observations);
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
    extra: o.extra ?? null,
    recordedAt,
  };
}
