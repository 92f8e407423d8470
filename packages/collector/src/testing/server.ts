import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../log.ts';
import { startServer, type RunningServer } from '../server.ts';
import type { TestBackend, TestDatabase } from './databases.ts';

/**
 * A collector on a fresh database of `backend` for the enclosing describe block (nothing when the
 * backend is unavailable), removed afterwards. Fields are set in beforeAll: read them in tests.
 */
export function collectorPerSuite(backend: TestBackend, enrollToken = 't'): { db: TestDatabase; server: RunningServer } {
  const context = {} as { db: TestDatabase; server: RunningServer };
  beforeAll(async () => {
    if (!backend.available) return;
    context.db = await backend.create();
    // No scheduled reconciliation runs: tests record runs explicitly and count them.
    context.server = await startServer({ db: context.db.target, port: 0, host: '127.0.0.1', log: silentLogger, enrollToken, reconcileSchedule: null });
  }, 60_000); // a first PGlite start takes seconds on a busy machine
  afterAll(async () => {
    await context.server?.close();
    await context.db?.drop();
  });
  return context;
}
