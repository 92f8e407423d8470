const HOUR_MS = 3_600_000;

/** When people are expected to work: default Monday–Friday, 08:00–18:00, in one time zone. */
export interface WorkingHours {
  /** IANA time zone of the asset or the collector, e.g. "Europe/Berlin". */
  timeZone: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Local hours [start, end): 8 and 18 mean 08:00 to 18:00. */
  startHour: number;
  endHour: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 8, endHour: 18 };

/**
 * The canonical spelling of an IANA time zone (`europe/berlin` → `Europe/Berlin`), or null when
 * this runtime does not know the zone.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * Says whether the clock hour starting at a UTC instant is working time in the zone. The local
 * hour is the one the hour starts in, so DST changes and half-hour zones are handled by the
 * zone's own rules (Intl), not by fixed offsets.
 */
export function workingHourTest(hours: WorkingHours): (hourStartMs: number) => boolean {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
  } catch {
    throw new RangeError(`unknown time zone "${hours.timeZone}" (use an IANA name such as Europe/Berlin)`);
  }
  const days = new Set(hours.days);
  return (hourStartMs) => {
    let weekday = 0;
    let hour = 0;
    for (const part of format.formatToParts(hourStartMs)) {
      if (part.type === 'weekday') weekday = WEEKDAY[part.value] ?? 0;
      else if (part.type === 'hour') hour = Number(part.value);
    }
    return days.has(weekday) && hour >= hours.startHour && hour < hours.endHour;
  };
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const SCHEDULE = /^\s*([a-z]{3})(?:\s*-\s*([a-z]{3}))?((?:\s*,\s*[a-z]{3})*)\s+(\d{1,2})(?::00)?\s*-\s*(\d{1,2})(?::00)?\s*$/i;

/**
 * Days and hours from text such as `Mon-Fri 08:00-18:00`, `Sun-Thu 7-15` or `Mon,Wed,Fri 9-17`
 * (whole hours: usage is kept per clock hour). Throws a RangeError saying what is wrong.
 */
export function parseWorkingHours(text: string): Omit<WorkingHours, 'timeZone'> {
  const match = SCHEDULE.exec(text);
  const day = (name: string) => {
    const index = DAY_NAMES.findIndex((d) => d.toLowerCase() === name.toLowerCase());
    if (index < 0) throw new RangeError(`working hours "${text}": unknown day "${name}" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
    return index + 1;
  };
  if (!match) throw new RangeError(`working hours "${text}": expected days and whole hours, e.g. "Mon-Fri 08:00-18:00" or "Mon,Wed,Fri 9-17"`);
  const [, first, last, more, start, end] = match;
  const days = new Set<number>();
  if (last) {
    // A range may wrap round the week end: Sun-Thu.
    for (let d = day(first!), to = day(last); ; d = (d % 7) + 1) {
      days.add(d);
      if (d === to) break;
    }
  } else days.add(day(first!));
  for (const name of more!.split(',').map((d) => d.trim()).filter(Boolean)) days.add(day(name));
  const startHour = Number(start);
  const endHour = Number(end);
  if (!(startHour < endHour && endHour <= 24)) throw new RangeError(`working hours "${text}": the hours must run forwards within a day, e.g. 08:00-18:00`);
  return { days: [...days].sort((a, b) => a - b), startHour, endHour };
}

/** The days and hours as people write them: `Mon–Fri 08:00–18:00`. */
export function describeWorkingHours(hours: Omit<WorkingHours, 'timeZone'>): string {
  const runs: string[] = [];
  const days = [...hours.days].sort((a, b) => a - b);
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    runs.push(j > i ? `${DAY_NAMES[days[i]! - 1]}–${DAY_NAMES[days[j]! - 1]}` : DAY_NAMES[days[i]! - 1]!);
    i = j + 1;
  }
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${runs.join(', ')} ${hh(hours.startHour)}–${hh(hours.endHour)}`;
}

/** Working hours in [fromMs, toMs): clock hours that start inside the period and in working time. */
export function countWorkingHours(fromMs: number, toMs: number, hours: WorkingHours): number {
  const isWorking = workingHourTest(hours);
  let count = 0;
  for (let hour = Math.ceil(fromMs / HOUR_MS) * HOUR_MS; hour < toMs; hour += HOUR_MS) if (isWorking(hour)) count++;
  return count;
}
