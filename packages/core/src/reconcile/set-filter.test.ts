import { describe, expect, it } from 'vitest';
import { SetFilter } from './set-filter.ts';

describe('SetFilter', () => {
  it('lets every member through and stops most other strings', () => {
    const members = Array.from({ length: 5000 }, (_, i) => `host-${i * 2}`);
    const filter = new SetFilter(new Set(members));
    for (const member of members) expect(filter.mayHave(member), member).toBe(true);
    const others = Array.from({ length: 20_000 }, (_, i) => `host-${i * 2 + 1}`);
    const through = others.filter((text) => filter.mayHave(text)).length;
    // Sixteen bits a member: about one in sixteen others gets through.
    expect(through).toBeLessThan(others.length / 8);
  });

  it('stops everything when the set is empty, and handles non-ASCII names', () => {
    const empty = new SetFilter(new Set());
    expect(['', 'host-1', 'münchen-01'].some((text) => empty.mayHave(text))).toBe(false);
    const filter = new SetFilter(new Set(['münchen-01', '東京-02', '']));
    expect(['münchen-01', '東京-02', ''].every((text) => filter.mayHave(text))).toBe(true);
  });
});
