import { describe, expect, it } from 'vitest';
import { defaultSchedule, effectiveSchedule } from './schedule.ts';

describe('schedules', () => {
  it('spreads the daily inventory over the day, stably per agent', () => {
    const a = defaultSchedule('6f1c2a52-7a4e-4b5b-9f53-1b2f3c4d5e6f');
    expect(defaultSchedule('6f1c2a52-7a4e-4b5b-9f53-1b2f3c4d5e6f')).toEqual(a);
    expect(a.inventoryCron).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    const times = new Set(Array.from({ length: 200 }, (_, i) => defaultSchedule(`agent-${i}`).inventoryCron));
    expect(times.size).toBeGreaterThan(150);
    expect(a).toMatchObject({ metricsSampleSeconds: 60, metricsReportSeconds: 300 });
  });

  it('lets later layers win and ignores invalid or empty values', () => {
    const base = defaultSchedule('x');
    const result = effectiveSchedule(
      base,
      { metricsSampleSeconds: 30, inventoryCron: '0 3 * * *' },
      { inventoryCron: 'not cron', metricsReportSeconds: 120 },
      { inventoryCron: '', metricsSampleSeconds: 0, metricsReportSeconds: 0 }, // a Welcome that sets nothing
    );
    expect(result).toEqual({ inventoryCron: '0 3 * * *', metricsSampleSeconds: 30, metricsReportSeconds: 120 });
  });

  it('never reports more often than it samples', () => {
    expect(effectiveSchedule(defaultSchedule('x'), { metricsSampleSeconds: 600, metricsReportSeconds: 60 }).metricsReportSeconds).toBe(600);
  });
});
