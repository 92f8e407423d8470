import { macVendor, reconcile, type Finding, type FindingKind, type Reconciliation } from '@rollcall/core';
import type { Stores } from '../store/index.ts';

export interface ReconcileRequest {
  asOf: Date;
  ghostAfterDays: number;
  /** Only these kinds in `findings` (the summary always counts every kind). */
  kinds?: FindingKind[];
  /** Only findings that the previous recorded run did not have (all of them when there is none). */
  onlyNew?: boolean;
  /**
   * Store this run in the history, where it becomes the baseline of later ones. Only an explicit
   * action records (POST, --record, serve's schedule): a report anyone reads must not change what
   * "new" means for the next one.
   */
  record?: boolean;
}

/**
 * A finding as reports show it: `appeared` says whether the previous recorded run (the baseline
 * of `changes`) lacked it, null without one.
 */
export type ReportedFinding = Finding & { appeared: boolean | null };

/** What changed since the previous recorded run: the latest one as of this report's as-of or earlier. */
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

/** `runId`: the run this report was recorded as, null when it was not (the baseline is `changes.sinceRunId`). */
export type ReconciliationReport = Omit<Reconciliation, 'findings'> & { findings: ReportedFinding[]; runId: number | null; changes: RunChanges | null };

const MAX_LISTED = 1000;

export const findingKey = (f: { kind: string; assetTag: string | null; deviceId: string | null }) => `${f.kind}|${f.assetTag ?? ''}|${f.deviceId ?? ''}`;

/**
 * Loads the register and observations, runs the pure engine, and compares the result with the
 * last recorded run; records this one only when asked to.
 */
export class ReconciliationService {
  constructor(private readonly stores: Pick<Stores, 'assets' | 'observations' | 'runs'>) {}

  async run(request: ReconcileRequest): Promise<ReconciliationReport> {
    const [assets, observations, previous] = await Promise.all([
      this.stores.assets.identities(),
      this.stores.observations.until(request.asOf),
      this.stores.runs.asOfOrBefore(request.asOf),
    ]);
    const result = reconcile(assets, observations, { asOf: request.asOf, ghostAfterDays: request.ghostAfterDays, macVendor });
    const keys = result.findings.map(findingKey).sort();
    const runId = request.record
      ? await this.stores.runs.record({ ranAt: new Date(), asOf: request.asOf, ghostAfterDays: request.ghostAfterDays, summary: result.summary, findingKeys: keys })
      : null;
    const before = previous ? new Set(previous.findingKeys) : null;
    const findings: ReportedFinding[] = [];
    for (const finding of result.findings) {
      if (request.kinds?.length && !request.kinds.includes(finding.kind)) continue;
      const appeared = before ? !before.has(findingKey(finding)) : null;
      if (request.onlyNew && appeared === false) continue;
      findings.push(Object.assign(finding, { appeared }));
    }
    return { ...result, findings, runId, changes: previous && before ? diffRuns(previous, before, keys) : null };
  }

  /** Counts by kind of the recorded run as of the latest moment up to now, if there is one. */
  async latestSummary(): Promise<Record<string, number> | undefined> {
    return (await this.stores.runs.latest())?.summary;
  }

  history(limit?: number) {
    return this.stores.runs.list(limit);
  }
}

function diffRuns(previous: { id: number; ranAt: Date; asOf: Date; findingKeys: string[] }, before: ReadonlySet<string>, keys: string[]): RunChanges {
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
