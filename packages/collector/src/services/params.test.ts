import { describe, expect, it } from 'vitest';
import { FLAGS, QUERY } from '../spelling.ts';
import { parseLimit, parseOffset, parseSince } from './params.ts';

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
    expect(() => parseOffset('-3', FLAGS)).toThrow('--offset "-3": expected a whole number, 0 or more');
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
