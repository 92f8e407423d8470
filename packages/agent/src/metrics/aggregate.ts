import type { MetricsBatch } from '@rollcall/protocol';

/** One reading of the machine's usage. */
export interface MetricsSample {
  atMs: number;
  cpuPercent: number;
  memoryUsedPercent: number;
  mounts: { mount: string; sizeBytes: number; usedPercent: number }[];
  /** Cumulative counters since boot, summed over non-loopback interfaces. */
  netRxBytes: number;
  netTxBytes: number;
  uptimeSeconds: number;
  users: string[];
}

interface Running {
  min: number;
  sum: number;
  max: number;
  n: number;
}

const start = (value: number): Running => ({ min: value, sum: value, max: value, n: 1 });
const add = (r: Running, value: number) => {
  r.min = Math.min(r.min, value);
  r.max = Math.max(r.max, value);
  r.sum += value;
  r.n++;
};
const stat = (r: Running) => ({ min: r.min, avg: r.sum / r.n, max: r.max });
const DAY_MS = 86_400_000;

/**
 * Folds samples into one MetricsBatch per report interval (min/avg/max), so the agent sends a
 * few hundred bytes every few minutes instead of a stream of readings.
 */
export class MetricsAggregator {
  private first: MetricsSample | undefined;
  private last: MetricsSample | undefined;
  private samples = 0;
  private cpu: Running | undefined;
  private memory: Running | undefined;
  private readonly mounts = new Map<string, { sizeBytes: number; used: Running }>();
  private users: string[] = [];
  /** Process names already reported in the UTC day `namesDay` (days since the epoch). */
  private namesSent = new Set<string>();
  private namesDay = -1;

  add(sample: MetricsSample): void {
    // Users are read only with the slow parts: keep the latest reading that had them.
    if (sample.users.length > 0 || sample.mounts.length > 0) this.users = sample.users;
    this.first ??= sample;
    this.last = sample;
    this.samples++;
    if (this.cpu) add(this.cpu, sample.cpuPercent);
    else this.cpu = start(sample.cpuPercent);
    if (this.memory) add(this.memory, sample.memoryUsedPercent);
    else this.memory = start(sample.memoryUsedPercent);
    for (const m of sample.mounts) {
      const seen = this.mounts.get(m.mount);
      if (seen) {
        add(seen.used, m.usedPercent);
        seen.sizeBytes = m.sizeBytes;
      } else this.mounts.set(m.mount, { sizeBytes: m.sizeBytes, used: start(m.usedPercent) });
    }
  }

  get empty(): boolean {
    return this.samples === 0;
  }

  /**
   * The batch for the samples so far, and a fresh start; undefined when there were none.
   * `processes` and `lastInputMs` (0: unknown) are read once, at report time, not per sample.
   * Only the process names not reported yet in the batch's UTC day go out: the collector keeps
   * each day's union of names, which the rest would not change, and a desktop's 100-odd names in
   * every report were most of its metrics traffic and storage.
   */
  flush(processes: string[], lastInputMs = 0): MetricsBatch | undefined {
    const { first, last, cpu, memory } = this;
    if (!first || !last || !cpu || !memory) return undefined;
    // Counters restart at reboot (or wrap): a negative difference means "count from zero".
    const delta = (end: number, begin: number) => (end >= begin ? end - begin : end);
    const batch: MetricsBatch = {
      startMs: first.atMs,
      endMs: last.atMs,
      samples: this.samples,
      cpuPercent: stat(cpu),
      memoryUsedPercent: stat(memory),
      mounts: [...this.mounts].map(([mount, m]) => ({ mount, sizeBytes: m.sizeBytes, usedPercent: stat(m.used) })),
      netRxBytes: delta(last.netRxBytes, first.netRxBytes),
      netTxBytes: delta(last.netTxBytes, first.netTxBytes),
      uptimeSeconds: last.uptimeSeconds,
      users: [...new Set(this.users)].sort(),
      processes: this.newNames(processes, Math.floor(last.atMs / DAY_MS)),
      lastInputMs,
    };
    this.first = this.last = this.cpu = this.memory = undefined;
    this.samples = 0;
    this.mounts.clear();
    this.users = [];
    return batch;
  }

  private newNames(processes: string[], day: number): string[] {
    if (day !== this.namesDay) {
      this.namesDay = day;
      this.namesSent.clear();
    }
    const fresh: string[] = [];
    for (const name of processes) {
      if (this.namesSent.has(name)) continue;
      this.namesSent.add(name);
      fresh.push(name);
    }
    return fresh.sort();
  }
}
