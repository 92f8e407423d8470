import { desc, getTableColumns, lte } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { reconciliationRuns } from '../db/schema.ts';
import { query } from './query.ts';

export type RunRow = typeof reconciliationRuns.$inferSelect;

/** Reconciliation history: each run's parameters, counts and finding keys. */
export class RunStore {
  constructor(private readonly db: Db) {}

  /**
   * The fleet as it is now: the run of the latest moment up to now (a run as of a future date,
   * which asks who will be a ghost by then, is not the present).
   */
  latest(): Promise<RunRow | undefined> {
    return this.asOfOrBefore(new Date());
  }

  /**
   * The run a new run as of `asOf` is compared with: the latest one as of then or earlier. A look
   * back at a past date is compared with what was known then, and does not become the baseline of
   * the next run as of today.
   */
  async asOfOrBefore(asOf: Date): Promise<RunRow | undefined> {
    const [row] = await query(
      this.db
        .select()
        .from(reconciliationRuns)
        .where(lte(reconciliationRuns.asOf, asOf))
        .orderBy(desc(reconciliationRuns.asOf), desc(reconciliationRuns.id))
        .limit(1),
    );
    return row;
  }

  async record(run: Omit<RunRow, 'id'>): Promise<number> {
    const [row] = await query(this.db.insert(reconciliationRuns).values(run).returning({ id: reconciliationRuns.id }));
    return row!.id;
  }

  async list(limit = 20): Promise<Omit<RunRow, 'findingKeys'>[]> {
    const { findingKeys: _keys, ...columns } = getTableColumns(reconciliationRuns);
    return query(this.db.select(columns).from(reconciliationRuns).orderBy(desc(reconciliationRuns.id)).limit(limit));
  }
}
