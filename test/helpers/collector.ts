import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startServer, type RunningServer } from '@rollcall/collector';
import type { TestBackend, TestDatabase } from '@rollcall/collector/testing';
import { afterAll, beforeAll } from 'vitest';

/**
 * A collector running in the test process on a fresh database of `backend`, for the enclosing
 * describe block, plus a scratch directory; both are removed afterwards.
 */
export function inProcessCollector(backend: TestBackend, enrollToken: string) {
  const context = { scratch: mkdtempSync(join(tmpdir(), 'rollcall-e2e-')) } as { scratch: string; db: TestDatabase; server: RunningServer };
  beforeAll(async () => {
    if (!backend.available) return;
    context.db = await backend.create();
    context.server = await startServer({ db: context.db.target, port: 0, host: '127.0.0.1', log: silentLogger, enrollToken });
  });
  afterAll(async () => {
    await context.server?.close();
    await context.db?.drop();
    rmSync(context.scratch, { recursive: true, force: true });
  });
  return context;
}
