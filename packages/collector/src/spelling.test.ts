import { describe, expect, it } from 'vitest';
import { FLAGS, QUERY, switchOn } from './spelling.ts';

describe('spelling', () => {
  it('names a parameter as the CLI or the API takes it', () => {
    expect(FLAGS('asOf')).toBe('--as-of');
    expect(FLAGS('inUseCpu')).toBe('--in-use-cpu');
    expect(FLAGS('period')).toBe('--period');
    expect(QUERY('inUseCpu')).toBe('inUseCpu');
    expect(switchOn(FLAGS, 'skipBad')).toBe('--skip-bad');
    expect(switchOn(QUERY, 'skipBad')).toBe('skipBad=true');
  });
});
