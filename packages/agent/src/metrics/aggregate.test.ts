import { decodeFrame, encodeFrame } from '@rollcall/protocol';
import { describe, expect, it } from 'vitest';
import { MetricsAggregator, type MetricsSample } from './aggregate.ts';

const sample = (atMs: number, cpu: number, memory: number, rx: number, users: string[] = []): MetricsSample => ({
  atMs,
  cpuPercent: cpu,
  memoryUsedPercent: memory,
  mounts: [{ mount: '/', sizeBytes: 1000, usedPercent: memory / 2 }],
  netRxBytes: rx,
  netTxBytes: rx / 10,
  uptimeSeconds: atMs / 1000,
  users,
});

describe('MetricsAggregator', () => {
  it('folds samples into min/avg/max and interval counters, computed by hand', () => {
    const aggregator = new MetricsAggregator();
    aggregator.add(sample(60_000, 10, 40, 1_000));
    aggregator.add(sample(120_000, 30, 50, 4_000, ['bob']));
    aggregator.add(sample(180_000, 20, 60, 10_000, ['ann', 'bob', 'ann']));
    expect(aggregator.flush(['sshd', 'code', 'sshd'])).toEqual({
      startMs: 60_000,
      endMs: 180_000,
      samples: 3,
      cpuPercent: { min: 10, avg: 20, max: 30 },
      memoryUsedPercent: { min: 40, avg: 50, max: 60 },
      mounts: [{ mount: '/', sizeBytes: 1000, usedPercent: { min: 20, avg: 25, max: 30 } }],
      netRxBytes: 9_000,
      netTxBytes: 900,
      uptimeSeconds: 180,
      users: ['ann', 'bob'],
      processes: ['code', 'sshd'],
      lastInputMs: 0,
    });
    expect(aggregator.empty).toBe(true);
    expect(aggregator.flush([])).toBeUndefined();
  });

  it('counts from zero when the counters restarted (reboot)', () => {
    const aggregator = new MetricsAggregator();
    aggregator.add(sample(1, 0, 0, 50_000));
    aggregator.add(sample(2, 0, 0, 700));
    expect(aggregator.flush([])?.netRxBytes).toBe(700);
  });

  it('carries the last input read at report time, unknown (0) unless given', () => {
    const aggregator = new MetricsAggregator();
    aggregator.add(sample(60_000, 10, 40, 1_000));
    const batch = aggregator.flush([], 1_764_312_000_123)!;
    expect(batch.lastInputMs).toBe(1_764_312_000_123);
    const decoded = decodeFrame(encodeFrame({ seq: 1, kind: 'metrics', metrics: batch }));
    expect(decoded.kind === 'metrics' && decoded.metrics.lastInputMs).toBe(1_764_312_000_123); // int64 beyond 32 bits
    aggregator.add(sample(120_000, 10, 40, 1_000));
    expect(aggregator.flush([])?.lastInputMs).toBe(0);
  });

  it('reports each process name once per UTC day: the day\'s union is what the collector keeps', () => {
    const aggregator = new MetricsAggregator();
    const day = Date.parse('2026-11-20T00:00:00Z');
    const report = (atMs: number, processes: string[]) => {
      aggregator.add(sample(atMs, 10, 40, 1_000));
      return aggregator.flush(processes)!.processes;
    };
    expect(report(day + 600_000, ['sshd', 'code', 'sshd'])).toEqual(['code', 'sshd']);
    expect(report(day + 900_000, ['code', 'sshd'])).toEqual([]);
    expect(report(day + 1_200_000, ['vim', 'code'])).toEqual(['vim']);
    // sshd stopped and started again the same day: nothing new for the day's union.
    expect(report(day + 1_500_000, ['sshd'])).toEqual([]);
    // A new UTC day starts over with every running name.
    expect(report(day + 86_400_000 + 300_000, ['code', 'sshd'])).toEqual(['code', 'sshd']);
  });
});
