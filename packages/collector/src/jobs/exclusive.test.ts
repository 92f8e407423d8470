import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { exclusive } from './exclusive.ts';

function recordingLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('exclusive jobs', () => {
  it('skips a run while the previous one is going, then runs again once it ended', async () => {
    const { log, lines } = recordingLogger();
    let release!: () => void;
    let runs = 0;
    const job = exclusive('test job', async () => {
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      return { rows: 7 };
    }, log);
    const first = job();
    await job(); // due while the first still runs
    expect(runs).toBe(1);
    release();
    await first;
    const second = job();
    release();
    await second;
    await settle();
    expect(runs).toBe(2);
    expect(lines.map((l) => l.msg)).toEqual(['test job skipped: the previous one is still running', 'test job done', 'test job done']);
    expect(lines[1]).toMatchObject({ rows: 7 });
    expect(typeof lines[1]!.ms).toBe('number');
  });

  it('logs a failure instead of throwing, and runs again next time', async () => {
    const { log, lines } = recordingLogger();
    let fail = true;
    const job = exclusive('flaky job', async () => {
      if (fail) throw new Error('database went away');
      return {};
    }, log);
    await expect(job()).resolves.toBeUndefined();
    fail = false;
    await job();
    await settle();
    expect(lines.map((l) => [l.msg, l.err])).toEqual([['flaky job failed', 'database went away'], ['flaky job done', undefined]]);
  });
});
