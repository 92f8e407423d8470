import { describe, expect, it } from 'vitest';
import { usageHours, type UsageReport } from './hours.ts';
import { deviceUtilization, percentile } from './utilization.ts';
import { bookValue, isIdle } from './value.ts';
import { canonicalTimeZone, countWorkingHours, describeWorkingHours, parseWorkingHours } from './working-hours.ts';

const H = 3_600_000;
const BERLIN = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startHour: 8, endHour: 18 };
const at = (iso: string) => Date.parse(iso);
/** One hour-long report starting at a UTC instant. */
const hour = (startIso: string, cpuAvg: number, users: string[] = ['ann'], memoryAvg = 60): UsageReport => ({
  startMs: at(startIso),
  endMs: at(startIso) + H,
  cpuAvg,
  memoryAvg,
  users,
});

describe('a known week of one laptop in Berlin (CET, UTC+1)', () => {
  // Mon–Wed: 08–09 logged in but idle (2 % CPU), 09–12 working (30 %), 12–13 a batch job with
  // nobody logged in (40 %); Saturday 10–11 working (50 %). Local hh:00 is (hh−1):00Z.
  const reports: UsageReport[] = [];
  for (const day of ['2026-11-16', '2026-11-17', '2026-11-18']) {
    reports.push(hour(`${day}T07:00:00Z`, 2));
    for (const h of ['08', '09', '10']) reports.push(hour(`${day}T${h}:00:00Z`, 30));
    reports.push(hour(`${day}T11:00:00Z`, 40, []));
  }
  reports.push(hour('2026-11-21T09:00:00Z', 50));
  const week = { fromMs: at('2026-11-15T23:00:00Z'), toMs: at('2026-11-22T23:00:00Z'), workingHours: BERLIN };

  it('counts by hand: 16 online hours, 10 in use, 50 working hours, 20 %', () => {
    expect(deviceUtilization(reports, week)).toEqual({
      onlineHours: 16,
      inUseHours: 10, // 3 × 3 weekday hours + the Saturday hour (in use counts at any time)
      workingHours: 50, // 5 days × 08:00–18:00
      utilizationRate: 0.2,
      cpuP95: 50, // nearest rank over the hourly averages: the 16th of 16 hours
      memoryP95: 60,
      overloaded: false,
      firstHourMs: at('2026-11-16T07:00:00Z'), // Monday 08:00 in Berlin, the first report
    });
  });

  it('is not idle at 20 %, and would be at under 10 %', () => {
    const light = reports.filter((r) => r.cpuAvg !== 30); // only the Saturday hour stays in use
    const rate = deviceUtilization(light, week).utilizationRate;
    expect(rate).toBe(1 / 50);
    expect(isIdle('deployed', 0.2)).toBe(false);
    expect(isIdle('deployed', rate)).toBe(true);
    expect(isIdle('in_stock', rate)).toBe(false); // only deployed assets are idle
    expect(isIdle('deployed', null)).toBe(false); // no working hours: no verdict
  });

  it('is overloaded when CPU or memory p95 is above 90 %', () => {
    const busy = reports.map((r) => ({ ...r, memoryAvg: 95 }));
    expect(deviceUtilization(busy, week)).toMatchObject({ memoryP95: 95, overloaded: true });
  });

  it('caps the rate at 100 %', () => {
    const always: UsageReport[] = [];
    for (let t = week.fromMs; t < week.toMs; t += H) always.push({ startMs: t, endMs: t + H, cpuAvg: 50, memoryAvg: 50, users: ['ann'] });
    expect(deviceUtilization(always, week)).toMatchObject({ inUseHours: 168, workingHours: 50, utilizationRate: 1 });
  });
});

describe('usage hours', () => {
  it('weights CPU by how much of the hour each report covers', () => {
    const hours = usageHours(
      [
        { startMs: at('2026-11-16T10:30:00Z'), endMs: at('2026-11-16T11:15:00Z'), cpuAvg: 20, memoryAvg: 0, users: ['ann'] },
        { startMs: at('2026-11-16T11:15:00Z'), endMs: at('2026-11-16T11:45:00Z'), cpuAvg: 0, memoryAvg: 0, users: [] },
      ],
      5,
    );
    expect(hours.map((h) => [new Date(h.hourStartMs).toISOString(), Math.round(h.cpuAvg * 100) / 100, h.inUse])).toEqual([
      ['2026-11-16T10:00:00.000Z', 20, true],
      ['2026-11-16T11:00:00.000Z', 6.67, true], // (15 min × 20 % + 30 min × 0 %) / 45 min, a user in the first report
    ]);
  });

  it('lets the input signal decide where there is one, and CPU where there is none', () => {
    const five = 5 * 60_000;
    const reports: UsageReport[] = [
      // 09Z: quiet CPU (1 %) but someone typed at 09:20: in use.
      { ...hour('2026-11-16T09:00:00Z', 1), lastInputMs: at('2026-11-16T09:20:00Z') },
      // 10Z: busy CPU (60 %) yet the last input was at 09:20, before the hour: not in use.
      { ...hour('2026-11-16T10:00:00Z', 60), lastInputMs: at('2026-11-16T09:20:00Z') },
      // 11Z: no signal (no console session): CPU decides, 60 % > 5 %: in use.
      hour('2026-11-16T11:00:00Z', 60),
      // 12Z: two 5-minute reports, the first without a signal, the second saw input at 12:07.
      { startMs: at('2026-11-16T12:00:00Z'), endMs: at('2026-11-16T12:00:00Z') + five, cpuAvg: 1, memoryAvg: 10, users: ['ann'] },
      { startMs: at('2026-11-16T12:05:00Z'), endMs: at('2026-11-16T12:05:00Z') + five, cpuAvg: 1, memoryAvg: 10, users: ['ann'], lastInputMs: at('2026-11-16T12:07:00Z') },
      // 13Z: input seen, but nobody logged in (a kiosk with no session): not in use.
      { ...hour('2026-11-16T13:00:00Z', 60, []), lastInputMs: at('2026-11-16T13:30:00Z') },
    ];
    const hours = usageHours(reports, 5);
    expect(hours.map((h) => [new Date(h.hourStartMs).toISOString().slice(11, 13), h.input, h.inUse])).toEqual([
      ['09', true, true],
      ['10', false, false],
      ['11', null, true],
      ['12', true, true],
      ['13', true, false],
    ]);
  });

  it('takes p95 over hourly averages, so a five-minute spike does not make a device overloaded', () => {
    // Two hours of twelve five-minute reports; one report at 100 % CPU and 96 % memory in the first.
    const reports: UsageReport[] = Array.from({ length: 24 }, (_, i) => ({
      startMs: at('2026-11-16T09:00:00Z') + i * 300_000,
      endMs: at('2026-11-16T09:00:00Z') + (i + 1) * 300_000,
      cpuAvg: i === 3 ? 100 : 4,
      memoryAvg: i === 3 ? 96 : 48,
      users: ['ann'],
    }));
    const usage = deviceUtilization(reports, { fromMs: at('2026-11-16T00:00:00Z'), toMs: at('2026-11-17T00:00:00Z'), workingHours: BERLIN });
    // Hour 09: (11 × 4 + 100) / 12 = 12 % CPU, (11 × 48 + 96) / 12 = 52 % memory; hour 10: 4 % and 48 %.
    expect(usage).toMatchObject({ onlineHours: 2, inUseHours: 1, cpuP95: 12, memoryP95: 52, overloaded: false });
  });
});

describe('working hours across time zones and DST', () => {
  it('is 50 in the week Berlin leaves summer time (Sunday 25 October 2026)', () => {
    expect(countWorkingHours(at('2026-10-18T22:00:00Z'), at('2026-10-25T23:00:00Z'), BERLIN)).toBe(50);
  });

  it('is 50 in the week Berlin starts summer time (Sunday 29 March 2026)', () => {
    expect(countWorkingHours(at('2026-03-22T23:00:00Z'), at('2026-03-29T22:00:00Z'), BERLIN)).toBe(50);
  });

  it('follows the zone: the same UTC Monday holds different local working hours', () => {
    const monday = [at('2026-11-16T00:00:00Z'), at('2026-11-17T00:00:00Z')] as const;
    expect(countWorkingHours(...monday, { ...BERLIN, timeZone: 'UTC' })).toBe(10);
    // New York (UTC−5): Monday 08:00–18:00 is 13:00–23:00Z, inside this UTC day.
    expect(countWorkingHours(...monday, { ...BERLIN, timeZone: 'America/New_York' })).toBe(10);
    // Tokyo (UTC+9): the UTC day holds Monday 09:00–18:00 and Tuesday 08:00–09:00 local.
    expect(countWorkingHours(...monday, { ...BERLIN, timeZone: 'Asia/Tokyo' })).toBe(10);
    // Kolkata (UTC+5:30): hours start at hh:30 local; 08:30 … 17:30 are ten of them.
    expect(countWorkingHours(at('2026-11-15T18:30:00Z'), at('2026-11-16T18:30:00Z'), { ...BERLIN, timeZone: 'Asia/Kolkata' })).toBe(10);
  });

  it('names an unknown zone', () => {
    expect(() => countWorkingHours(0, H, { ...BERLIN, timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('working hours as people write them', () => {
  it('reads day ranges, lists and whole hours, and says them back', () => {
    expect(parseWorkingHours('Mon-Fri 08:00-18:00')).toEqual({ days: [1, 2, 3, 4, 5], startHour: 8, endHour: 18 });
    // A range over the week end (Israel, the Gulf), short hours, lower case, a list.
    expect(parseWorkingHours('sun-thu 7-15')).toEqual({ days: [1, 2, 3, 4, 7], startHour: 7, endHour: 15 });
    expect(parseWorkingHours('Mon, Wed,Fri 9:00 - 17:00')).toEqual({ days: [1, 3, 5], startHour: 9, endHour: 17 });
    expect(parseWorkingHours('Sat 0-24')).toEqual({ days: [6], startHour: 0, endHour: 24 });
    expect(describeWorkingHours(parseWorkingHours('Mon-Fri 8-18'))).toBe('Mon–Fri 08:00–18:00');
    expect(describeWorkingHours(parseWorkingHours('Sun-Thu 07:00-15:00'))).toBe('Mon–Thu, Sun 07:00–15:00');
    expect(describeWorkingHours(parseWorkingHours('Mon,Wed,Thu 9-17'))).toBe('Mon, Wed–Thu 09:00–17:00');
  });

  it('says what is wrong with a schedule', () => {
    expect(() => parseWorkingHours('Mon-Fri 08:30-17:30')).toThrow(/expected days and whole hours/);
    expect(() => parseWorkingHours('Mon-Fry 8-18')).toThrow(/unknown day "Fry"/);
    expect(() => parseWorkingHours('Mon-Fri 18-8')).toThrow(/must run forwards/);
    expect(() => parseWorkingHours('Mon-Fri 8-25')).toThrow(/must run forwards/);
    expect(() => parseWorkingHours('weekdays')).toThrow(/e\.g\. "Mon-Fri 08:00-18:00"/);
  });

  it('spells zones canonically and knows which it does not know', () => {
    expect(canonicalTimeZone(' europe/berlin ')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });

  it('counts a custom schedule: Sun–Thu 07–15 in Jerusalem over one week', () => {
    // 2026-11-15 (Sunday) 00:00 local is 2026-11-14T22:00Z (IST, UTC+2); five days of eight hours.
    const week = [at('2026-11-14T22:00:00Z'), at('2026-11-21T22:00:00Z')] as const;
    expect(countWorkingHours(...week, { timeZone: 'Asia/Jerusalem', ...parseWorkingHours('Sun-Thu 07-15') })).toBe(40);
  });
});

describe('book value and percentiles', () => {
  it('depreciates straight-line over the category life', () => {
    expect(bookValue(1200, '2025-11-23', 36, at('2026-11-23T00:00:00Z'))).toBe(800.27); // 365 days = 11.99 of 36 months
    expect(bookValue(1200, '2025-11-23', 36, at('2030-01-01T00:00:00Z'))).toBe(0);
    expect(bookValue(1200, '2027-01-01', 36, at('2026-11-23T00:00:00Z'))).toBe(1200); // not bought yet: full cost
    expect(() => bookValue(1200, 'soon', 36, 0)).toThrow(/cannot depreciate/);
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
    expect(percentile([5, 1, 3, 2, 4], 40)).toBe(2);
  });
});
