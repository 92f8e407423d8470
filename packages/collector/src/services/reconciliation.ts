import { macVendor, reconcile, type FindingKind, type Reconciliation } from '@rollcall/core';
import type { Db } from '../db/open.ts';
import { AssetStore } from '../store/assets.ts';
import { ObservationStore } from '../store/observations.ts';
import { RunStore } from '../store/runs.ts';

export interface ReconcileRequest {
  asOf: Date;
  ghostAfterDays: number;
  /** Only these kinds in `findings` (the summary always counts every kind). */
  kinds?: FindingKind[];
}

/** What changed since the previous stored run: the latest one as of this run's as-of or earlier. */
export interface RunChanges {
  sinceRunId: number;
  sinceRanAt: string;
  sinceAsOf: string;
  appeared: number;
  resolved: number;
  /** `kind|assetTag|deviceId` keys, at most MAX_LISTED each. */
  appearedFindings: string[];
  resolvedFindings: string[];
}

export type ReconciliationReport = Reconciliation & { runId: number; changes: RunChanges | null };

const MAX_LISTED = 1000;

export const findingKey = (f: { kind: string; assetTag: string | null; deviceId: string | null }) => `${f.kind}|${f.assetTag ?? ''}|${f.deviceId ?? ''}`;

/** Loads the register and observations, runs the pure engine, stores the run for history. */
export class ReconciliationService {
  private readonly assets: AssetStore;
  private readonly observations: ObservationStore;
  private readonly runs: RunStore;

  constructor(db: Db) {
    this.assets = new AssetStore(db);
    this.observations = new ObservationStore(db);
    this.runs = new RunStore(db);
  }

  async run(request: ReconcileRequest): Promise<ReconciliationReport> {
    const [assets, observations, previous] = await Promise.all([
      this.assets.identities(),
      this.observations.until(request.asOf),
      this.runs.asOfOrBefore(request.asOf),
    ]);
    const result = reconcile(assets, observations, { asOf: request.asOf, ghostAfterDays: request.ghostAfterDays, macVendor });
    const keys = result.findings.map(findingKey).sort();
    const runId = await this.runs.record({
      ranAt: new Date(),
      asOf: request.asOf,
      ghostAfterDays: request.ghostAfterDays,
      summary: result.summary,
      findingKeys: keys,
    });
    const findings = request.kinds?.length ? result.findings.filter((f) => request.kinds!.includes(f.kind)) : result.findings;
    return { ...result, findings, runId, changes: previous ? diffRuns(previous, keys) : null };
  }

  /** Counts by kind of the stored run as of the latest moment up to now, if there is one. */
  async latestSummary(): Promise<Record<string, number> | undefined> {
    return (await this.runs.latest())?.summary;
  }

  history(limit?: number) {
    return this.runs.list(limit);
  }
}

function diffRuns(previous: { id: number; ranAt: Date; asOf: Date; findingKeys: string[] }, keys: string[]): RunChanges {
  const before = new Set(previous.findingKeys);
  const now = new Set(keys);
  const appeared = keys.filter((k) => !before.has(k));
  const resolved = previous.findingKeys.filter((k) => !now.has(k));
  return {
    sinceRunId: previous.id,
    sinceRanAt: previous.ranAt.toISOString(),
    sinceAsOf: previous.asOf.toISOString(),
    appeared: appeared.length,
    resolved: resolved.length,
    appearedFindings: appeared.slice(0, MAX_LISTED),
    resolvedFindings: resolved.slice(0, MAX_LISTED),
  };
}
