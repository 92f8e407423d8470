import type { Stores } from '../store/index.ts';
import type { RetentionDays } from '../retention-days.ts';
import type { PruneResult } from '../store/metrics-rollups.ts';

const DAY_MS = 86_400_000;

/** Rows deleted by a prune: usage data, sightings and old inventories. */
export type RetentionResult = PruneResult & { observations: number; inventories: number };

/**
 * Keeps the tables that grow with time within their retention: usage reports and roll-ups, and
 * observations (every inventory and every neighbour table read adds some, forever otherwise), and
 * inventories (each a whole snapshot of a machine, software list included: one a day per agent).
 */
export class RetentionService {
  constructor(private readonly stores: Pick<Stores, 'rollups' | 'observations' | 'inventories'>) {}

  async prune(retention: RetentionDays, now = new Date()): Promise<RetentionResult> {
    const usage = await this.stores.rollups.prune(retention, now);
    const observations = await this.stores.observations.prune(new Date(now.getTime() - retention.observations * DAY_MS));
    const inventories = await this.stores.inventories.prune(new Date(now.getTime() - retention.inventories * DAY_MS));
    return { ...usage, observations, inventories };
  }
}
