import { describe, expect, it } from 'vitest';
import type { MetricsSample } from './aggregate.ts';
import { createSampler, runningProcessNames } from './sampler.ts';

const plausible = (sample: MetricsSample) => {
  expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
  expect(sample.cpuPercent).toBeLessThanOrEqual(100);
  expect(sample.memoryUsedPercent).toBeGreaterThan(0);
  expect(sample.memoryUsedPercent).toBeLessThanOrEqual(100);
  expect(sample.uptimeSeconds).toBeGreaterThan(0);
  expect(sample.mounts.every((m) => m.sizeBytes > 0 && m.usedPercent >= 0 && m.usedPercent <= 100)).toBe(true);
  expect(sample.netRxBytes).toBeGreaterThanOrEqual(0);
};

describe('sampling this machine', () => {
  it('reads plausible usage figures from /proc on Linux', async () => {
    if (process.platform !== 'linux') return;
    const take = createSampler('linux');
    plausible(await take());
    const second = await take(false);
    plausible(second);
    expect(second.mounts).toEqual([]); // the slow parts only when asked for
  });

  it('agrees with systeminformation, the sampler other systems use', async () => {
    // Both read the same kernel counters here: memory in use and bytes received agree closely.
    const [procfs, si] = await Promise.all([createSampler('linux')(), createSampler('darwin')()]);
    plausible(si);
    if (process.platform !== 'linux') return;
    expect(Math.abs(procfs.memoryUsedPercent - si.memoryUsedPercent)).toBeLessThan(5);
    expect(procfs.netRxBytes).toBeGreaterThanOrEqual(si.netRxBytes * 0.9);
    expect(procfs.mounts.map((m) => m.mount).sort()).toEqual(si.mounts.map((m) => m.mount).sort());
  });

  it('lists this very process among the running ones', async () => {
    const names = await runningProcessNames();
    expect(names).toContain('node');
  });
});
