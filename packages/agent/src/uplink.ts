import { encodeFrame, type DiscoveryReport, type Inventory, type MetricsBatch } from '@rollcall/protocol';
import { AgentError } from './errors.ts';
import { backoffDelay, sleep } from './backoff.ts';
import { CollectorSession, type SessionOptions } from './session.ts';
import type { Spool, SpoolKind } from './spool.ts';

type Body = { kind: 'inventory'; inventory: Inventory } | { kind: 'metrics'; metrics: MetricsBatch } | { kind: 'discovery'; discovery: DiscoveryReport };

/**
 * The agent's link to the collector. Every data frame goes to the spool first and is sent from
 * there, oldest first, whenever a connection is up; it leaves the spool only once acked. The link
 * reconnects with jittered exponential backoff (1 s → 5 min) and gives up only on a refusal.
 */
export class Uplink {
  private session: CollectorSession | undefined;
  private draining = false;
  private readonly waiters = new Map<number, () => void>();

  constructor(
    private readonly options: SessionOptions,
    private readonly spool: Spool,
  ) {}

  get connected(): CollectorSession | undefined {
    return this.session;
  }

  /** Spools a frame and resolves once the collector has committed it (possibly after reconnects). */
  send(body: Body): Promise<number> {
    const seq = this.options.state.nextSeq();
    const { dropped } = this.spool.add(seq, body.kind as SpoolKind, encodeFrame({ seq, ...body } as Parameters<typeof encodeFrame>[0]));
    if (dropped) this.options.log.warn({ dropped, spoolBytes: this.spool.bytes }, 'spool full: dropped the oldest metrics');
    const acked = new Promise<number>((resolve) => this.waiters.set(seq, () => resolve(seq)));
    void this.drain();
    return acked;
  }

  /** Stays connected until `signal` aborts; `onConnected` runs after every accepted Hello. */
  async run(signal: AbortSignal, onConnected: (session: CollectorSession) => Promise<void>): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      let session: CollectorSession | undefined;
      try {
        session = await CollectorSession.open(this.options);
        const onAbort = () => session?.close();
        signal.addEventListener('abort', onAbort, { once: true });
        // Whatever the collector committed already needs no resending.
        this.acked(Number(session.welcome.lastCommittedSeq ?? 0));
        this.session = session;
        attempt = 0;
        void this.drain();
        await onConnected(session);
        const reason = await session.closed;
        signal.removeEventListener('abort', onAbort);
        if (!signal.aborted) this.options.log.warn({ reason: reason.message, spooled: this.spool.size }, 'disconnected from collector');
      } catch (error) {
        session?.close();
        if (error instanceof AgentError && error.code === 'REFUSED') throw error;
        this.options.log.warn({ err: (error as Error).message, spooled: this.spool.size }, 'collector unavailable');
      } finally {
        this.session = undefined;
      }
      if (signal.aborted) break;
      const delay = backoffDelay(attempt++);
      this.options.log.info({ delayMs: delay }, 'reconnecting');
      await sleep(delay, signal);
    }
  }

  /** Sends spooled frames in order while connected; one drain at a time. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const session = this.session;
        const next = this.spool.oldest();
        if (!session || !next) return;
        try {
          await session.sendEncoded(next.seq, next.bytes, next.kind);
        } catch (error) {
          this.options.log.debug({ err: (error as Error).message, seq: next.seq }, 'send interrupted; frame stays spooled');
          return;
        }
        this.acked(next.seq);
      }
    } finally {
      this.draining = false;
    }
  }

  private acked(seq: number): void {
    this.spool.ack(seq);
    for (const [waiting, resolve] of this.waiters) {
      if (waiting <= seq) {
        this.waiters.delete(waiting);
        resolve();
      }
    }
  }
}
