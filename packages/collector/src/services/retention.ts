import type { Db } from '../db/open.ts';
import { MetricsRollups, type PruneResult, type RetentionDays } from '../store/metrics-rollups.ts';
import { InventoryStore } from '../store/inventories.ts';
import { ObservationStore } from '../store/observations.ts';

const DAY_MS = 86_400_000;

/** Rows deleted by a prune: usage data, sightings and old inventories. */
export type RetentionResult = PruneResult & { observations: number; inventories: number };

/**
 * Keeps the tables that grow with time within their retention: usage reports and roll-ups, and
 * observations (every inventory and every neighbour table read adds some, forever otherwise), and
 * inventories (each a whole snapshot of a machine, software list included: one a day per agent).
 */
export class RetentionService {
  private readonly rollups: MetricsRollups;
  private readonly observations: ObservationStore;
  private readonly inventories: InventoryStore;

  constructor(db: Db) {
    this.rollups = new MetricsRollups(db);
    this.observations = new ObservationStore(db);
    this.inventories = new InventoryStore(db);
  }

  async prune(retention: RetentionDays, now = new Date()): Promise<RetentionResult> {
    const usage = await this.rollups.prune(retention, now);
    const observations = await this.observations.prune(new Date(now.getTime() - retention.observations * DAY_MS));
    const inventories = await this.inventories.prune(new Date(now.getTime() - retention.inventories * DAY_MS));
    return { ...usage, observations, inventories };
  }
}
