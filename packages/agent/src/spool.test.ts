import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool } from './spool.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-spool-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('Spool', () => {
  it('keeps frames across restarts until acked, in sequence order', () => {
    const dir = tempDir();
    const spool = new Spool(dir);
    spool.add(3, 'metrics', bytes(10, 3));
    spool.add(4, 'inventory', bytes(20, 4));
    spool.add(5, 'metrics', bytes(10, 5));
    const reopened = new Spool(dir);
    expect(reopened.pending().map((e) => [e.seq, e.kind, e.bytes[0]])).toEqual([
      [3, 'metrics', 3],
      [4, 'inventory', 4],
      [5, 'metrics', 5],
    ]);
    reopened.ack(4);
    expect(new Spool(dir).pending().map((e) => e.seq)).toEqual([5]);
  });

  it('drops the oldest metrics first when over its size, never an inventory', () => {
    const spool = new Spool(tempDir(), 100);
    spool.add(1, 'inventory', bytes(40));
    spool.add(2, 'metrics', bytes(30));
    spool.add(3, 'metrics', bytes(30));
    expect(spool.add(4, 'metrics', bytes(30)).dropped).toBe(1);
    expect(spool.pending().map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(spool.add(5, 'inventory', bytes(90)).dropped).toBe(2);
    expect(spool.pending().map((e) => [e.seq, e.kind])).toEqual([
      [1, 'inventory'],
      [5, 'inventory'],
    ]);
  });

  it('ignores stray files (a temp file left by a crash mid-write)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0000000000000007.metrics.frame.tmp'), 'half');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(new Spool(dir).size).toBe(0);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
