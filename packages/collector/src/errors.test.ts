import { describe, expect, it } from 'vitest';
import { nothingImported } from './errors.ts';

describe('nothingImported', () => {
  it('counts in words that agree with the numbers, and says what the user can do', () => {
    expect(nothingImported(5, 2, 'row')).toBe('5 bad rows; nothing was imported. Fix them, or pass --skip-bad to import the 2 good rows');
    expect(nothingImported(1, 1, 'line')).toBe('1 bad line; nothing was imported. Fix it, or pass --skip-bad to import the 1 good line');
  });

  it('does not offer --skip-bad when no row is good', () => {
    expect(nothingImported(2, 0, 'row')).toBe('2 bad rows; nothing was imported. Fix them and import the file again');
  });
});
