import type { Db } from '../db/open.ts';
import { MetricsRollups, type PruneResult, type RetentionDays } from '../store/metrics-rollups.ts';
import { ObservationStore } from '../store/observations.ts';

const DAY_MS = 86_400_000;

/** Rows deleted by a prune: usage data, and sightings. */
export type RetentionResult = PruneResult & { observations: number };

/**
 * Keeps the tables that grow with time within their retention: usage reports and roll-ups, and
 * observations (every inventory and every neighbour table read adds some, forever otherwise).
 */
export class RetentionService {
  private readonly rollups: MetricsRollups;
  private readonly observations: ObservationStore;

  constructor(db: Db) {
    this.rollups = new MetricsRollups(db);
    this.observations = new ObservationStore(db);
  }

  async prune(retention: RetentionDays, now = new Date()): Promise<RetentionResult> {
    const usage = await this.rollups.prune(retention, now);
    const observations = await this.observations.prune(new Date(now.getTime() - retention.observations * DAY_MS));
    return { ...usage, observations };
  }
}
