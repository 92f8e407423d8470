import { describe, expect, it } from 'vitest';
import type { MetricsRecord } from '../store/store.ts';
import { MetricsWriter } from './metrics-writer.ts';

const record = (agentId: string, seq: number) => ({ agentId, seq }) as MetricsRecord;

/** A store that remembers each write it was asked for. */
function recordingStore(fail = false) {
  const writes: string[][] = [];
  return {
    writes,
    async recordMetricsMany(records: readonly MetricsRecord[]) {
      writes.push(records.map((r) => `${r.agentId}#${r.seq}`));
      if (fail) throw new Error('database went away');
      return records.map((r) => ({ duplicate: r.seq === 0 }));
    },
  };
}

describe('MetricsWriter', () => {
  it('writes batches that arrive together in one transaction, and answers each caller', async () => {
    const store = recordingStore();
    const writer = new MetricsWriter(store, { maxDelayMs: 20 });
    const results = await Promise.all([writer.write(record('a', 1)), writer.write(record('b', 0)), writer.write(record('c', 7))]);
    expect(store.writes).toEqual([['a#1', 'b#0', 'c#7']]);
    expect(results).toEqual([{ duplicate: false }, { duplicate: true }, { duplicate: false }]);
  });

  it('writes at once when maxRows batches wait', async () => {
    const store = recordingStore();
    const writer = new MetricsWriter(store, { maxRows: 2, maxDelayMs: 60_000 });
    await Promise.all([writer.write(record('a', 1)), writer.write(record('b', 1))]); // would hang for a minute otherwise
    expect(store.writes).toEqual([['a#1', 'b#1']]);
  });

  it('rejects every batch of a failed write, so no agent gets an ack for it', async () => {
    const writer = new MetricsWriter(recordingStore(true), { maxDelayMs: 5 });
    const outcomes = await Promise.allSettled([writer.write(record('a', 1)), writer.write(record('b', 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
