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

/** Working hours in [fromMs, toMs): clock hours that start inside the period and in working time. */
export function countWorkingHours(fromMs: number, toMs: number, hours: WorkingHours): number {
  const isWorking = workingHourTest(hours);
  let count = 0;
  for (let hour = Math.ceil(fromMs / HOUR_MS) * HOUR_MS; hour < toMs; hour += HOUR_MS) if (isWorking(hour)) count++;
  return count;
}
