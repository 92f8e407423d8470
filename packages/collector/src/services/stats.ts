import type { Stores } from '../store/index.ts';
import type { TableStats } from '../store/stats.ts';

export type { TableStats };

/** What the database holds, table by table. */
export class StatsService {
  constructor(private readonly stores: Pick<Stores, 'stats'>) {}

  /** Each of rollcall's tables with its exact row count and its size on disk. */
  tables(): Promise<TableStats[]> {
    return this.stores.stats.tables();
  }
}
