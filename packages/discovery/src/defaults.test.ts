import { describe, expect, it } from 'vitest';
import { withDefaults } from './defaults.ts';

describe('withDefaults', () => {
  const DEFAULTS = { timeoutMs: 2000, retries: 1, concurrency: 32 };

  it('keeps a default whose option is present but undefined', () => {
    expect(withDefaults(DEFAULTS, { timeoutMs: undefined, retries: undefined, concurrency: 4 })).toEqual({ timeoutMs: 2000, retries: 1, concurrency: 4 });
  });

  it('takes zero and other falsy values as given', () => {
    expect(withDefaults(DEFAULTS, { retries: 0 })).toEqual({ timeoutMs: 2000, retries: 0, concurrency: 32 });
  });

  it('returns the defaults for no options, without changing them', () => {
    const merged = withDefaults(DEFAULTS, undefined);
    merged.retries = 9;
    expect(DEFAULTS.retries).toBe(1);
  });
});
