import { desc, getTableColumns } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { reconciliationRuns } from '../db/schema.ts';

export type RunRow = typeof reconciliationRuns.$inferSelect;

/** Reconciliation history: each run's parameters, counts and finding keys. */
export class RunStore {
  constructor(private readonly db: Db) {}

  async latest(): Promise<RunRow | undefined> {
    const [row] = await this.db.select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.id)).limit(1);
    return row;
  }

  async record(run: Omit<RunRow, 'id'>): Promise<number> {
    const [row] = await this.db.insert(reconciliationRuns).values(run).returning({ id: reconciliationRuns.id });
    return row!.id;
  }

  async list(limit = 20): Promise<Omit<RunRow, 'findingKeys'>[]> {
    const { findingKeys: _keys, ...columns } = getTableColumns(reconciliationRuns);
    return this.db.select(columns).from(reconciliationRuns).orderBy(desc(reconciliationRuns.id)).limit(limit);
  }
}
