import { describe, expect, it } from 'vitest';
import { FLAGS, QUERY } from '../spelling.ts';
import { parseAsOf, parseDays, parseLimit, parseOffset, parseSince, parseUtilizationRequest } from './params.ts';

describe('paging parameters', () => {
  it('take whole numbers in range, with the fallback when absent', () => {
    expect(parseLimit(undefined, 100, 10_000, QUERY)).toBe(100);
    expect(parseLimit(' 250 ', 100, 10_000, QUERY)).toBe(250);
    expect(parseOffset(undefined, QUERY)).toBe(0);
    expect(parseOffset('40', QUERY)).toBe(40);
  });

  it('name a bad value as the front end spells the parameter', () => {
    expect(() => parseLimit('0', 100, 10_000, QUERY)).toThrow('limit "0": expected a whole number from 1 to 10000');
    expect(() => parseLimit('lots', 100, 10_000, FLAGS)).toThrow('--limit "lots": expected a whole number from 1 to 10000');
    expect(() => parseOffset('-3', FLAGS)).toThrow('--offset "-3": expected a whole number from 0 to 1000000000');
  });
});

describe('parseSince', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('reads days and weeks back from now, or a date', () => {
    expect(parseSince('30d', FLAGS, now)?.toISOString()).toBe('2026-10-26T12:00:00.000Z');
    expect(parseSince('2w', FLAGS, now)?.toISOString()).toBe('2026-11-11T12:00:00.000Z');
    expect(parseSince('2026-11-01', FLAGS, now)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-01T08:30:00+01:00', FLAGS, now)?.toISOString()).toBe('2026-11-01T07:30:00.000Z');
    expect(parseSince(undefined, FLAGS, now)).toBeUndefined();
  });

  it('refuses anything else, naming the parameter as the front end spells it', () => {
    expect(() => parseSince('lately', FLAGS, now)).toThrow('--since "lately": expected days like 30d, weeks like 4w, or an ISO-8601 date like 2026-11-01');
    expect(() => parseSince('30', QUERY, now)).toThrow(/^since "30": /); // a bare number could mean anything
    expect(() => parseSince('2026-13-45', QUERY, now)).toThrow(/^since "2026-13-45": /);
  });
});

describe('ranges rollcall can compute with', () => {
  it('take days up to 100 years, offsets up to a billion, dates from 1970 to 9999', () => {
    expect(parseDays('36500d', '--period')).toBe(36_500);
    expect(parseDays('5214w', '--period')).toBe(36_498);
    expect(parseOffset('1000000000', QUERY)).toBe(1_000_000_000);
    expect(parseAsOf('1970-01-01', FLAGS).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(parseAsOf('9999-12-31T23:59:59Z', FLAGS).toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });

  it('refuse more, naming the parameter and the range', () => {
    expect(() => parseDays('36501', 'unusedDays')).toThrow('unusedDays "36501": at most 36500 days (100 years)');
    expect(() => parseDays('99999999999999999999w', '--ghost-after')).toThrow('--ghost-after "99999999999999999999w": at most 36500 days (100 years)');
    expect(() => parseOffset('99999999999999999999', QUERY)).toThrow('offset "99999999999999999999": expected a whole number from 0 to 1000000000');
    expect(() => parseAsOf('+275760-09-13T00:00:00Z', QUERY)).toThrow('asOf "+275760-09-13T00:00:00Z": expected a date between 1970-01-01 and 9999-12-31');
    expect(() => parseSince('0001-01-01', FLAGS)).toThrow('--since "0001-01-01": expected a date between 1970-01-01 and 9999-12-31');
    expect(() => parseUtilizationRequest({ life: ['Laptop=5000'] }, QUERY)).toThrow('life "Laptop=5000": at most 1200 months (100 years)');
  });
});
