import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleCron } from './timer.ts';

describe('scheduleCron', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date(2025, 0, 1, 10, 0, 30) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the task at every matching time', async () => {
    const runs: number[] = [];
    const timer = scheduleCron('* * * * *', () => runs.push(Date.now()), () => {});
    expect(timer.next).toEqual(new Date(2025, 0, 1, 10, 1, 0));
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(runs.map((t) => new Date(t).getMinutes())).toEqual([1, 2, 3]);
    timer.stop();
  });

  it('stops', async () => {
    const task = vi.fn();
    const timer = scheduleCron('* * * * *', task, () => {});
    timer.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(task).not.toHaveBeenCalled();
    expect(timer.next).toBeUndefined();
  });

  it('skips a run the machine slept through and goes on from the next one', async () => {
    const task = vi.fn();
    const timer = scheduleCron('0 * * * *', task, () => {});
    // Asleep for 2 h 20 min: the 11:00 timer fires on waking, at 13:19:30.
    vi.setSystemTime(new Date(2025, 0, 1, 12, 20, 0));
    await vi.advanceTimersToNextTimerAsync();
    expect(new Date()).toEqual(new Date(2025, 0, 1, 13, 19, 30));
    expect(task).not.toHaveBeenCalled();
    expect(timer.next).toEqual(new Date(2025, 0, 1, 14, 0, 0));
    await vi.advanceTimersByTimeAsync(41 * 60_000);
    expect(task).toHaveBeenCalledTimes(1);
    timer.stop();
  });

  it('waits a day at most between looks at the clock, for a run far ahead', async () => {
    const task = vi.fn();
    const timer = scheduleCron('0 0 1 1 *', task, () => {});
    expect(timer.next).toEqual(new Date(2026, 0, 1));
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(vi.getTimerCount()).toBe(1);
    expect(task).not.toHaveBeenCalled();
    timer.stop();
  });

  it('hands what the task throws or rejects with to onError', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const timer = scheduleCron(
      '* * * * *',
      () => {
        if (n++ === 0) throw new Error('sync');
        return Promise.reject(new Error('async'));
      },
      (error) => errors.push((error as Error).message),
    );
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(errors).toEqual(['sync', 'async']);
    timer.stop();
  });

  it('rejects an invalid expression, as node-cron does', () => {
    expect(() => scheduleCron('61 * * * *', () => {}, () => {})).toThrow(/minute/);
  });
});
