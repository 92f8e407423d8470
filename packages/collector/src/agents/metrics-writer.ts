import type { MetricsRecord, Store } from '../store/store.ts';

export interface MetricsWriterOptions {
  /** Write as soon as this many batches wait. */
  maxRows?: number;
  /** Write at the latest this long after the first waiting batch arrived. */
  maxDelayMs?: number;
}

/**
 * Collects metrics batches from all agents and writes them together: one transaction and one
 * multi-row insert per flush (at most `maxDelayMs` after the first, or at `maxRows`). Each caller's
 * promise settles once its batch is committed, so acks still mean "committed"; a failed write
 * rejects every batch in it, and the agents send them again.
 */
export class MetricsWriter {
  private waiting: { record: MetricsRecord; resolve: (r: { duplicate: boolean }) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly maxRows: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly store: Pick<Store, 'recordMetricsMany'>,
    options: MetricsWriterOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 100;
  }

  write(record: MetricsRecord): Promise<{ duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      if (this.waiting.length >= this.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  /** Writes what waits now (after any write in progress: one transaction at a time keeps seqs in order). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        const results = await this.store.recordMetricsMany(batch.map((w) => w.record));
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    });
    return this.writing;
  }
}
