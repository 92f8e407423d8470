import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCronRun } from './next-run.ts';

// node-cron's own matcher is the reference: for any expression and start time, the next run must
// be the one node-cron's scheduler would pick (outside the repeated hour of a DST fall-back, below).
// The zone is passed explicitly: node-cron caches its formatter for "local time" at first use.
function nodeCronNext(expression: string, after: Date): Date {
  const task = cron.createTask(expression, () => {}, { timezone: process.env.TZ ?? 'UTC' });
  try {
    return (task as unknown as { timeMatcher: { getNextMatch(d: Date): Date } }).timeMatcher.getNextMatch(after);
  } finally {
    void task.destroy();
  }
}

const next = (expression: string, after: Date) => nextCronRun(cron.parse(expression), after);

/** Node applies a changed TZ at once (in a process's main thread); `undefined` must unset it. */
function setZone(zone: string | undefined): void {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
}

const EXPRESSIONS = [
  '* * * * *', '*/15 * * * *', '37 14 * * *', '0 0 * * *', '5 3 * * 1-5', '0 9 * * 0', '0 9 * * 7',
  '30 */6 * * *', '0 0 1,15 * *', '0 0 29 2 *', '0 12 31 * *', '0 0 1 jan-mar *', '0 18 * * fri',
  '*/20 * * * * *', '15 10 2 * * *', '@hourly', '@daily', '@weekly', '@monthly', '0 0 ? * mon',
  '0 9 L * *', '0 9 15W * *', '0 9 1W * *', '0 9 LW * *', '0 9 L-3 * *', '0 9 * * 5L', '0 9 * * 1#2',
  '0 9 13 * 5', '0 9 L * 5L',
];

function startTimes(): Date[] {
  const times = [new Date(2024, 1, 28, 23, 59, 59), new Date(2024, 11, 31, 23, 59, 30, 500), new Date(2025, 5, 15, 14, 37, 0)];
  let seed = 7;
  for (let i = 0; i < 40; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    times.push(new Date(Date.UTC(2023, 0, 1) + (seed % (3 * 365 * 86_400)) * 1000 + (seed % 1000)));
  }
  return times;
}

function sameAsNodeCron() {
  for (const expression of EXPRESSIONS) {
    for (const after of startTimes()) {
      expect(next(expression, after)?.toISOString(), `${expression} after ${after.toISOString()}`).toBe(nodeCronNext(expression, after).toISOString());
    }
  }
}

describe('the next run of a cron expression', () => {
  it('is the one node-cron picks, in UTC', () => {
    const saved = process.env.TZ;
    setZone('UTC');
    try {
      sameAsNodeCron();
    } finally {
      setZone(saved);
    }
  });

  it('is strictly later, in whole seconds', () => {
    const at = new Date(2025, 0, 1, 10, 0, 0, 250);
    expect(next('0 10 * * *', at)).toEqual(new Date(2025, 0, 2, 10, 0, 0));
    expect(next('* * * * * *', at)).toEqual(new Date(2025, 0, 1, 10, 0, 1));
  });

  it('is undefined for an expression that never matches again', () => {
    expect(next('0 0 L-30 2 *', new Date(2025, 0, 1))).toBeUndefined();
  });

  describe.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'])('in local time, %s', (zone) => {
    const saved = process.env.TZ;
    beforeAll(() => {
      setZone(zone);
      // Make sure the zone took effect here (it would not in a worker thread).
      expect(new Date(2025, 0, 1).getTimezoneOffset()).not.toBe(new Date(2025, 6, 1).getTimezoneOffset());
    });
    afterAll(() => setZone(saved));

    it('is the one node-cron picks', () => sameAsNodeCron());
  });

  describe('across DST changes (Europe/Berlin)', () => {
    const saved = process.env.TZ;
    beforeAll(() => setZone('Europe/Berlin'));
    afterAll(() => setZone(saved));

    it('skips a time the spring-forward change skips, as node-cron does', () => {
      const after = new Date('2025-03-29T12:00:00Z');
      expect(next('30 2 * * *', after)).toEqual(new Date('2025-03-31T00:30:00Z')); // 02:30 CEST the day after
      expect(next('30 2 * * *', after)).toEqual(nodeCronNext('30 2 * * *', after));
    });

    it('runs a time in the repeated hour of a fall-back once, at its first occurrence', () => {
      const first = next('30 2 * * *', new Date('2025-10-25T12:00:00Z'));
      expect(first).toEqual(new Date('2025-10-26T00:30:00Z')); // 02:30 CEST (node-cron takes 02:30 CET)
      expect(next('30 2 * * *', first!)).toEqual(new Date('2025-10-27T01:30:00Z')); // not again at 02:30 CET
      expect(next('0 12 * * *', new Date('2025-10-25T12:00:00Z'))).toEqual(new Date('2025-10-26T11:00:00Z')); // 12:00 CET
    });
  });
});
