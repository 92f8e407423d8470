import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../db/open.ts';
import type { TestBackend, TestDatabase } from './databases.ts';

/**
 * A fresh, migrated database of `backend` for the enclosing describe block (nothing when the
 * backend is unavailable), closed and dropped afterwards. Fields are set in beforeAll: read them
 * in hooks and tests registered after this call. A test may replace `database` (to reopen it).
 */
export function databasePerSuite(backend: TestBackend): { test: TestDatabase; database: Database } {
  const context = {} as { test: TestDatabase; database: Database };
  beforeAll(async () => {
    if (!backend.available) return;
    context.test = await backend.create();
    context.database = await openDatabase(context.test.target, 'test');
  });
  afterAll(async () => {
    await context.database?.close();
    await context.test?.drop();
  });
  return context;
}
