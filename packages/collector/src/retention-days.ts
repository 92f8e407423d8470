/** How long each kind of data that grows with time is kept, in days (see RetentionService). */
export interface RetentionDays {
  /** Raw metrics batches (default 14 days). */
  raw: number;
  /** Hourly and daily roll-ups (default 2 years). */
  aggregates: number;
  /** Observations (sightings) by when they were seen (default 2 years). */
  observations: number;
  /** Inventories by when they were received (default 90 days); each agent's latest is always kept. */
  inventories: number;
}

export const DEFAULT_RETENTION: RetentionDays = { raw: 14, aggregates: 730, observations: 730, inventories: 90 };
