import { describe, expect, it } from 'vitest';
import { groupIndexes } from './group-indexes.ts';

describe('groupIndexes', () => {
  it('groups indexes by bucket, each group in index order, leaving out bucket -1', () => {
    const { start, order } = groupIndexes([2, 0, -1, 2, 0, 3, 2], 7, 5);
    const group = (b: number) => order.slice(start[b], start[b + 1]);
    expect([0, 1, 2, 3, 4].map(group)).toEqual([[1, 4], [], [0, 3, 6], [5], []]);
    expect(start[5]).toBe(6);
  });

  it('reads only the first `length` buckets', () => {
    const { start, order } = groupIndexes([1, 1, 0, 0], 2, 2);
    expect(order).toEqual([0, 1]);
    expect(start).toEqual([0, 0, 2]);
  });
});
