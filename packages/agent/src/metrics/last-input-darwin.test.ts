import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHidIdleLastInput } from './last-input-darwin.ts';

const NOW = 1_764_320_000_000;

describe('parseHidIdleLastInput', () => {
  it('subtracts HIDIdleTime (ns) from now', () => {
    const output = readFileSync(new URL('./fixtures/ioreg-hid-idle.txt', import.meta.url), 'utf8');
    expect(parseHidIdleLastInput(output, NOW)).toBe(NOW - 754_211); // 754 211 250 041 ns ≈ 12.6 minutes
  });

  it('takes the most recent input when several objects answer', () => {
    const output = '  |   "HIDIdleTime" = 90000000000\n  |   "HIDIdleTime" = 1500000\n';
    expect(parseHidIdleLastInput(output, NOW)).toBe(NOW - 1);
  });

  it('is 0 without a HIDIdleTime: empty or garbage output', () => {
    expect(parseHidIdleLastInput('', NOW)).toBe(0);
    expect(parseHidIdleLastInput('+-o Root  <class IORegistryEntry, id 0x100000100, retain 30>\n', NOW)).toBe(0);
    expect(parseHidIdleLastInput('"HIDIdleTime" = <00e1f505>\n', NOW)).toBe(0);
  });
});
