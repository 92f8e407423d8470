import type { Stores } from '../store/index.ts';
import type { RollupOptions, RollupResult } from '../store/metrics-rollups.ts';

/** The hourly and daily usage roll-ups, brought up to date on demand or by the scheduled job. */
export class RollupService {
  constructor(private readonly stores: Pick<Stores, 'rollups'>) {}

  /** Folds every settled usage batch not rolled up yet into hours, then days (see MetricsRollups.run). */
  run(options?: RollupOptions): Promise<RollupResult> {
    return this.stores.rollups.run(options);
  }
}
