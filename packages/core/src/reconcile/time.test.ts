import { describe, expect, it } from 'vitest';
import { isoString } from './time.ts';

describe('isoString', () => {
  it('equals Date#toISOString across leap years, month ends and centuries', () => {
    const samples = [0, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 1_709_164_800_000, 1_735_689_599_999, 253_402_300_799_999];
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 16807) % 2_147_483_647;
      samples.push(Math.floor((seed / 2_147_483_647) * 253_402_300_799_999));
    }
    for (const ms of samples) expect(isoString(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
});
