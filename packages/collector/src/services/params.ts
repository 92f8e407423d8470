import { canonicalTimeZone, FINDING_KINDS, LIFECYCLE_STATUSES, parseWorkingHours, type FindingKind, type LifecycleStatus } from '@rollcall/core';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';
import { DATE_RANGE, isDateInRange, MAX_DAYS, MAX_LIFE_MONTHS, MAX_OFFSET } from '../limits.ts';
import { FLAGS, type Spelling } from '../spelling.ts';
import { parseStatusName } from '../register/status.ts';
import { UTILIZATION_GROUPS, type UtilizationGroupBy, type UtilizationRequest } from './utilization.ts';

/** A number of days in a JSON body: a whole number from 1 to {@link MAX_DAYS}. */
export const DaysSchema = z
  .number()
  .int('expected a whole number of days')
  .min(1, 'expected at least 1 day')
  .max(MAX_DAYS, `expected at most ${MAX_DAYS} days (100 years)`);

/** An ISO-8601 date-time in a JSON body, within the dates rollcall takes. */
export const MomentSchema = z.iso
  .datetime({ offset: true, message: 'expected an ISO-8601 date-time such as 2026-11-01T00:00:00Z' })
  .refine((text) => isDateInRange(new Date(text)), `expected a date ${DATE_RANGE}`);

/** `30d`, `4w`, `30` (days) → whole days, at most {@link MAX_DAYS}; `what` is the parameter as the user wrote it. */
export function parseDays(text: string, what = '--ghost-after'): number {
  const match = /^\s*(\d+)\s*(d|day|days|w|week|weeks)?\s*$/i.exec(text);
  if (!match) throw new RollcallError('BAD_INPUT', `${what} ${JSON.stringify(text)}: expected days like 30d, or weeks like 4w`);
  const n = Number(match[1]);
  const days = match[2]?.toLowerCase().startsWith('w') ? n * 7 : n;
  if (days > MAX_DAYS) throw new RollcallError('BAD_INPUT', `${what} ${JSON.stringify(text)}: at most ${MAX_DAYS} days (100 years)`);
  return days;
}

/** How many rows a list returns: a whole number from 1 to `max`, `fallback` when not given. */
export function parseLimit(text: string | undefined, fallback: number, max: number, spell: Spelling): number {
  if (text === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) throw new RollcallError('BAD_INPUT', `${spell('limit')} ${JSON.stringify(text)}: expected a whole number from 1 to ${max}`);
  return n;
}

/** Rows to skip before a page: a whole number up to {@link MAX_OFFSET}, 0 when not given. */
export function parseOffset(text: string | undefined, spell: Spelling): number {
  if (text === undefined || text === '') return 0;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(n <= MAX_OFFSET)) throw new RollcallError('BAD_INPUT', `${spell('offset')} ${JSON.stringify(text)}: expected a whole number from 0 to ${MAX_OFFSET}`);
  return n;
}

export function parseAsOf(text: string | undefined, spell: Spelling = FLAGS): Date {
  if (!text) return new Date();
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new RollcallError('BAD_INPUT', `${spell('asOf')} ${JSON.stringify(text)}: expected an ISO-8601 date or date-time, e.g. 2026-11-01T00:00:00Z`);
  if (!isDateInRange(date)) throw new RollcallError('BAD_INPUT', `${spell('asOf')} ${JSON.stringify(text)}: expected a date ${DATE_RANGE}`);
  return date;
}

/**
 * A moment to look back to: days or weeks before `now` (`30d`, `4w`) or an ISO-8601 date;
 * undefined when not given.
 */
export function parseSince(text: string | undefined, spell: Spelling = FLAGS, now = new Date()): Date | undefined {
  if (!text) return undefined;
  if (/^\s*\d+\s*[dw]\s*$/i.test(text)) return new Date(now.getTime() - parseDays(text, spell('since')) * 86_400_000);
  const date = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new RollcallError('BAD_INPUT', `${spell('since')} ${JSON.stringify(text)}: expected days like 30d, weeks like 4w, or an ISO-8601 date like 2026-11-01`);
  if (!isDateInRange(date)) throw new RollcallError('BAD_INPUT', `${spell('since')} ${JSON.stringify(text)}: expected a date ${DATE_RANGE}`);
  return date;
}

/** A query parameter that turns something on: `true`/`false` (or `1`/`0`); absent is off. */
export function parseSwitch(text: string | undefined, name: string): boolean {
  if (text === undefined || text === '') return false;
  const value = text.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new RollcallError('BAD_INPUT', `${name} ${JSON.stringify(text)}: expected true or false`);
}

/** `ghost,shadow` or several values → finding kinds. */
export function parseKinds(values: string[] | undefined): FindingKind[] | undefined {
  const kinds = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  for (const kind of kinds) {
    if (!(FINDING_KINDS as readonly string[]).includes(kind)) {
      throw new RollcallError('BAD_INPUT', `unknown finding kind ${JSON.stringify(kind)}; kinds are ${FINDING_KINDS.join(', ')}`);
    }
  }
  return kinds.length ? (kinds as FindingKind[]) : undefined;
}

/** `FIELD=COLUMN` pairs (from repeated --map) → object. */
export function parsePairs(values: string[] | undefined, option: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw new RollcallError('BAD_INPUT', `${option} ${JSON.stringify(value)}: expected NAME=VALUE`);
    pairs[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return pairs;
}

/** A lifecycle status to filter by, in any case with spaces or hyphens (`In Stock`); undefined when not given. */
export function parseStatusFilter(text: string | undefined): LifecycleStatus | undefined {
  if (text === undefined || text === '') return undefined;
  const status = parseStatusName(text);
  if (!status) throw new RollcallError('BAD_INPUT', `status ${JSON.stringify(text)}: expected a lifecycle status (${LIFECYCLE_STATUSES.join(', ')})`);
  return status;
}

/** `LABEL=STATUS` pairs (from repeated --status-map) → label → lifecycle status. */
export function parseStatusMap(values: string[] | undefined, spell: Spelling = FLAGS): Record<string, LifecycleStatus> {
  const map: Record<string, LifecycleStatus> = {};
  for (const [label, name] of Object.entries(parsePairs(values, spell('statusMap')))) {
    const status = parseStatusName(name);
    if (!status) throw new RollcallError('BAD_INPUT', `${spell('statusMap')} ${label}=${name}: ${JSON.stringify(name)} is not a lifecycle status (${LIFECYCLE_STATUSES.join(', ')})`);
    map[label] = status;
  }
  return map;
}

/** Utilization parameters as the CLI and the API take them (text), checked and typed. */
export function parseUtilizationRequest(input: {
  period?: string;
  by?: string;
  asOf?: string;
  timeZone?: string;
  workingHours?: string;
  life?: string[];
  inUseCpu?: string;
  idleBelow?: string;
}, spell: Spelling = FLAGS): UtilizationRequest {
  const by = (input.by ?? 'device').toLowerCase();
  if (!(UTILIZATION_GROUPS as readonly string[]).includes(by)) throw new RollcallError('BAD_INPUT', `${spell('by')} ${JSON.stringify(input.by)}: expected one of ${UTILIZATION_GROUPS.join(', ')}`);
  const percent = (text: string | undefined, what: string) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new RollcallError('BAD_INPUT', `${what} ${JSON.stringify(text)}: expected a percentage between 0 and 100`);
    return n;
  };
  const lifeMonths: Record<string, number> = {};
  for (const entry of input.life ?? []) {
    const match = /^\s*([^=]+?)\s*=\s*(\d+)\s*$/.exec(entry);
    if (!match || Number(match[2]) <= 0) throw new RollcallError('BAD_INPUT', `${spell('life')} ${JSON.stringify(entry)}: expected CATEGORY=MONTHS, e.g. Laptop=36 or default=48`);
    if (Number(match[2]) > MAX_LIFE_MONTHS) throw new RollcallError('BAD_INPUT', `${spell('life')} ${JSON.stringify(entry)}: at most ${MAX_LIFE_MONTHS} months (100 years)`);
    lifeMonths[match[1]!.toLowerCase()] = Number(match[2]);
  }
  const periodDays = parseDays(input.period ?? '30d', spell('period'));
  if (periodDays <= 0) throw new RollcallError('BAD_INPUT', `${spell('period')} must be at least one day`);
  if (input.workingHours) {
    try {
      parseWorkingHours(input.workingHours);
    } catch (error) {
      throw new RollcallError('BAD_INPUT', `${spell('workingHours')}: ${(error as Error).message}`);
    }
  }
  if (input.timeZone && !canonicalTimeZone(input.timeZone)) {
    throw new RollcallError('BAD_INPUT', `${spell('timeZone')}: unknown time zone ${JSON.stringify(input.timeZone)} (use an IANA name such as Europe/Berlin)`);
  }
  return {
    asOf: parseAsOf(input.asOf, spell),
    periodDays,
    by: by as UtilizationGroupBy,
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    ...(input.workingHours ? { workingHours: input.workingHours } : {}),
    inUseCpuPercent: percent(input.inUseCpu, spell('inUseCpu')),
    idleBelowPercent: percent(input.idleBelow, spell('idleBelow')),
    lifeMonths,
  };
}
