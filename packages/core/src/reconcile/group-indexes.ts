import { numbers } from './numbers.ts';

/**
 * Indexes 0..length-1 grouped by `bucket[i]`, each group in index order (a counting sort): group
 * b is order[start[b]..start[b+1]). Indexes whose bucket is -1 are left out. No per-group arrays:
 * a million groups are two number arrays.
 */
export function groupIndexes(bucket: readonly number[], length: number, buckets: number): { start: number[]; order: number[] } {
  const start = numbers(buckets + 1, 0);
  for (let i = 0; i < length; i++) if (bucket[i]! >= 0) start[bucket[i]!]!++;
  for (let b = 1; b <= buckets; b++) start[b]! += start[b - 1]!;
  // start[b] is now where group b ends; filling from the back moves it down to where b starts.
  const order = numbers(start[buckets]!, 0);
  for (let i = length - 1; i >= 0; i--) if (bucket[i]! >= 0) order[--start[bucket[i]!]!] = i;
  return { start, order };
}
