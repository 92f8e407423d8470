import { describe, expect, it } from 'vitest';
import { backoffDelay } from './run.ts';

describe('backoffDelay', () => {
  it('grows exponentially from 1 s and is capped at 5 minutes', () => {
    const max = () => 0.999999;
    expect(backoffDelay(0, max)).toBe(999);
    expect(backoffDelay(3, max)).toBe(7_999);
    expect(backoffDelay(30, max)).toBe(299_999);
  });

  it('is jittered down to zero so a fleet does not reconnect in lockstep', () => {
    expect(backoffDelay(5, () => 0)).toBe(0);
    expect(backoffDelay(5, () => 0.5)).toBe(16_000);
  });
});
