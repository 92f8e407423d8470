import { describe, expect, it } from 'vitest';
import { runningProcessNames, takeSample } from './sampler.ts';

describe('takeSample on this machine', () => {
  it('reads plausible usage figures', async () => {
    const sample = await takeSample();
    expect(sample.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(sample.cpuPercent).toBeLessThanOrEqual(100);
    expect(sample.memoryUsedPercent).toBeGreaterThan(0);
    expect(sample.memoryUsedPercent).toBeLessThanOrEqual(100);
    expect(sample.uptimeSeconds).toBeGreaterThan(0);
    expect(sample.mounts.every((m) => m.sizeBytes > 0 && m.usedPercent >= 0 && m.usedPercent <= 100)).toBe(true);
    expect(sample.netRxBytes).toBeGreaterThanOrEqual(0);
  });

  it('lists this very process among the running ones', async () => {
    const names = await runningProcessNames();
    expect(names).toContain('node');
  });
});
