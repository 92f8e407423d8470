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

export interface ApiAnswer {
  status: number;
  text: string;
  /** The body parsed, when it is JSON. */
  json: any; // tests read whatever shape they expect
}

/** Calls the suite's collector over real HTTP: an object body goes as JSON, a string as it is. */
export function apiOf(collector: { server: RunningServer }) {
  return async (method: string, path: string, body?: string | object): Promise<ApiAnswer> => {
    const response = await fetch(`${collector.server.url}${path}`, {
      method,
      body: typeof body === 'object' ? JSON.stringify(body) : body,
      headers: typeof body === 'object' ? { 'content-type': 'application/json' } : {},
    });
    const text = await response.text();
    return { status: response.status, text, json: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  };
}
