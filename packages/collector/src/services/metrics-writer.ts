import type { MetricsRecord, MetricsStore } from '../store/metrics.ts';

export interface MetricsWriterOptions {
  /** At most this many batches in one write. */
  maxRows?: number;
  /** Writes in flight at once (each on its own database connection). */
  concurrency?: number;
  /**
   * While another write is in flight, start one more only once this many batches wait, or once
   * the first of them has waited `maxDelayMs`. With nothing in flight, a write starts at once.
   */
  minRows?: number;
  maxDelayMs?: number;
}

interface Waiting {
  record: MetricsRecord;
  /** When it arrived (performance.now()). */
  at: number;
  resolve: (result: { duplicate: boolean }) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects metrics batches from all agents and writes them together, one transaction per write.
 * A write starts as soon as the database is free, so under load the batches that arrive while one
 * write is in flight go together in the next (group commit): the busier, the larger the writes.
 * Each caller's promise settles once its batch is committed, so acks still mean "committed"; a
 * failed write rejects every batch in it, and the agents send them again.
 *
 * An agent's batches never go into two writes in flight at once (a later one waits for the
 * earlier write), so writes keep each agent's order and never wait on each other's row locks.
 */
export class MetricsWriter {
  private waiting: Waiting[] = [];
  /** Agents with a batch in a write in flight. */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private settled: (() => void)[] = [];
  private readonly maxRows: number;
  private readonly minRows: number;
  private readonly concurrency: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly store: Pick<MetricsStore, 'recordMany'>,
    options: MetricsWriterOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 1000;
    this.minRows = Math.min(options.minRows ?? 200, this.maxRows);
    this.concurrency = options.concurrency ?? 2;
    this.maxDelayMs = options.maxDelayMs ?? 50;
  }

  write(record: MetricsRecord): Promise<{ duplicate: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ record, at: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything that waits now, and resolves once every write so far has settled. */
  async flush(): Promise<void> {
    while (this.waiting.length > 0 || this.inFlight > 0) {
      while (this.inFlight < this.concurrency && this.startWrite());
      await new Promise<void>((resolve) => this.settled.push(resolve));
    }
  }

  private schedule(): void {
    if (this.waiting.length === 0 || this.inFlight >= this.concurrency) return;
    const wait = this.maxDelayMs - (performance.now() - this.waiting[0]!.at);
    if (this.inFlight === 0 || this.waiting.length >= this.minRows || wait <= 0) {
      // On the next turn of the event loop: frames read in this one go into the same write.
      this.immediate ??= setImmediate(() => this.startWrites());
    } else {
      this.timer ??= setTimeout(() => this.startWrites(), wait);
    }
  }

  private startWrites(): void {
    clearImmediate(this.immediate);
    clearTimeout(this.timer);
    this.immediate = this.timer = undefined;
    // Nothing started means every waiting batch's agent is busy: the write that frees it schedules.
    if (this.inFlight < this.concurrency && this.startWrite()) this.schedule();
  }

  /** Starts one write of up to maxRows waiting batches whose agents are not busy; false if none. */
  private startWrite(): boolean {
    const batch: Waiting[] = [];
    const held: Waiting[] = [];
    const agents = new Set<string>();
    for (const w of this.waiting) {
      if (batch.length < this.maxRows && !this.busy.has(w.record.agentId)) {
        batch.push(w);
        agents.add(w.record.agentId);
      } else held.push(w);
    }
    if (batch.length === 0) return false;
    this.waiting = held;
    for (const agent of agents) this.busy.add(agent);
    this.inFlight++;
    this.store.recordMany(batch.map((w) => w.record)).then(
      (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    ).finally(() => {
      for (const agent of agents) this.busy.delete(agent);
      this.inFlight--;
      this.settled.splice(0).forEach((resolve) => resolve());
      this.schedule();
    });
    return true;
  }
}
