import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, eventually, run, start } from './helpers/cli.ts';

type Run = { id: number; ranAt: string; asOf: string; ghostAfterDays: number };

/** `rollcall serve` with these flags; resolves with its URL and the "scheduled:" line of its banner. */
async function serveWith(db: string, args: string[], env: Record<string, string> = {}) {
  const server = start(BIN.rollcall, ['serve', '--port', '0', '--host', '127.0.0.1', '--db', db, ...args], { env });
  const [, url] = await server.waitFor(/rollcall collector (http:\/\/\S+)/);
  const [, scheduled] = await server.waitFor(/ scheduled: +(.*)\n/);
  return { ...server, url: url!, scheduled: scheduled! };
}

describe.each(testBackends())('rollcall serve records reconciliation runs on its schedule, on $name', (backend) => {
  let db: TestDatabase;
  let stop: (() => Promise<unknown>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await db?.drop();
  });

  it.skipIf(!backend.available)('schedules a run every hour when given no schedule option', async () => {
    db = await backend.create();
    const server = await serveWith(db.arg, []);
    stop = server.stop;
    expect(server.scheduled).toMatch(/^reconciliation run 0 \* \* \* \*; usage roll-up /);
  });

  it.skipIf(!backend.available)('records a run as of then with the 30-day window on the given schedule, and none when off', async () => {
    db = await backend.create();
    const startedAt = Date.now();
    const every = await serveWith(db.arg, ['--reconcile-schedule', '* * * * * *']); // every second: a test-only schedule
    stop = every.stop;
    expect(every.scheduled).toMatch(/^reconciliation run \* \* \* \* \* \*;/);
    const [first] = await eventually('a scheduled run', async () => {
      const { runs } = (await (await fetch(`${every.url}/api/reconciliation/runs`)).json()) as { runs: Run[] };
      return runs.length > 0 ? runs : undefined;
    });
    expect(first!.ghostAfterDays).toBe(30);
    // As of the moment it ran: after the server started, before it was stored.
    expect(Date.parse(first!.asOf)).toBeGreaterThanOrEqual(startedAt);
    expect(Date.parse(first!.asOf)).toBeLessThanOrEqual(Date.parse(first!.ranAt));
    await every.stop();

    const off = await serveWith(db.arg, [], { ROLLCALL_RECONCILE_SCHEDULE: 'off' });
    stop = off.stop;
    expect(off.scheduled).not.toMatch(/reconciliation/);
  });

  it.skipIf(!backend.available)('names a bad schedule, from the flag or the variable, before starting', async () => {
    db = await backend.create();
    const flag = await run(BIN.rollcall, ['serve', '--port', '0', '--db', db.arg, '--reconcile-schedule', 'hourly']);
    expect(flag.code).not.toBe(0);
    expect(flag.stderr).toMatch(/--reconcile-schedule "hourly": expected a cron expression like "0 \* \* \* \*"/);
    const variable = await run(BIN.rollcall, ['serve', '--port', '0', '--db', db.arg], { env: { ROLLCALL_RECONCILE_SCHEDULE: '99 * * * *' } });
    expect(variable.code).not.toBe(0);
    expect(variable.stderr).toMatch(/ROLLCALL_RECONCILE_SCHEDULE "99 \* \* \* \*": expected a cron expression/);
  });
});
