import type { ParsedFields } from 'node-cron';

// node-cron parses and validates the expressions (its syntax, names and day tokens are the agent's
// cron). The next run is found here, in the process's local time, with Date's own calendar:
// node-cron's scheduler formats every candidate time with Intl.DateTimeFormat, which maps ICU's
// locale and time-zone data into the process — about 8 MB of resident memory for a daemon whose
// only cron job runs once a day. Matching rules are node-cron's (day of month AND day of week).

/** As node-cron: an expression that matches nothing within 100 years never runs. */
const MAX_DAYS = 366 * 100;

/** The first time strictly after `after` (in whole seconds) that matches `fields`, in local time. */
export function nextCronRun(fields: ParsedFields, after: Date): Date | undefined {
  const afterMs = Math.floor(after.getTime() / 1000) * 1000;
  const start = new Date(afterMs);
  const [hours, minutes, seconds] = [fields.hour, fields.minute, fields.second].map((values) => [...values].sort((a, b) => a - b)) as [number[], number[], number[]];
  let day = { year: start.getFullYear(), month: start.getMonth() + 1, day: start.getDate() };
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    if (!dateMatches(fields, day.year, day.month, day.day)) continue;
    const first = i === 0; // on the first day, skip the hours and minutes already past
    for (const hour of hours) {
      if (first && hour < start.getHours()) continue;
      for (const minute of minutes) {
        if (first && hour === start.getHours() && minute < start.getMinutes()) continue;
        for (const second of seconds) {
          const at = new Date(day.year, day.month - 1, day.day, hour, minute, second);
          // A time that does not exist (skipped by a DST change) comes out shifted: keep it only
          // if the shifted time matches too, as node-cron does.
          if (at.getTime() > afterMs && timeMatches(fields, at)) return at;
        }
      }
    }
  }
  return undefined;
}

function timeMatches(fields: ParsedFields, at: Date): boolean {
  return (
    fields.second.includes(at.getSeconds()) &&
    fields.minute.includes(at.getMinutes()) &&
    fields.hour.includes(at.getHours()) &&
    dateMatches(fields, at.getFullYear(), at.getMonth() + 1, at.getDate())
  );
}

function dateMatches(fields: ParsedFields, year: number, month: number, day: number): boolean {
  return fields.month.includes(month) && dayOfMonthMatches(fields.dayOfMonth, year, month, day) && dayOfWeekMatches(fields.dayOfWeek, year, month, day);
}

/** Numbers, `L` (last day), `15W`/`LW` (nearest weekday), `L-3` (three days before the last). */
function dayOfMonthMatches(values: ParsedFields['dayOfMonth'], year: number, month: number, day: number): boolean {
  const last = lastDayOfMonth(year, month);
  return values.some((value) => {
    if (value === day || (value === 'L' && day === last)) return true;
    if (typeof value !== 'string') return false;
    const nearest = /^(\d{1,2}|L)W$/.exec(value);
    if (nearest) return nearestWeekday(year, month, nearest[1] === 'L' ? last : Number(nearest[1])) === day;
    const beforeLast = /^L-(\d{1,2})$/.exec(value);
    return beforeLast !== null && last - Number(beforeLast[1]) >= 1 && last - Number(beforeLast[1]) === day;
  });
}

/** Numbers (0 = Sunday), `5L` (last Friday of the month), `1#2` (second Monday). */
function dayOfWeekMatches(values: ParsedFields['dayOfWeek'], year: number, month: number, day: number): boolean {
  const weekday = weekdayOf(year, month, day);
  return values.some((value) => {
    if (value === weekday) return true;
    if (typeof value !== 'string') return false;
    const nth = /^([0-7])#([1-5])$/.exec(value);
    if (nth) return Number(nth[1]) % 7 === weekday && Math.floor((day - 1) / 7) + 1 === Number(nth[2]);
    const lastOf = /^([0-7])L$/i.exec(value);
    return lastOf !== null && Number(lastOf[1]) % 7 === weekday && day + 7 > lastDayOfMonth(year, month);
  });
}

// Calendar arithmetic in UTC: free of the local time zone's DST changes.
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  if (target < 1 || target > last) return -1;
  const weekday = weekdayOf(year, month, target);
  if (weekday === 6) return target === 1 ? target + 2 : target - 1; // Saturday: Friday, unless that leaves the month
  if (weekday === 0) return target === last ? target - 2 : target + 1; // Sunday: Monday, likewise
  return target;
}

function nextDay(d: { year: number; month: number; day: number }) {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
