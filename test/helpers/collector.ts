import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorPerSuite, type TestBackend } from '@rollcall/collector/testing';
import { afterAll } from 'vitest';

/**
 * A collector running in the test process on a fresh database of `backend`, for the enclosing
 * describe block, plus a scratch directory; both are removed afterwards.
 */
export function inProcessCollector(backend: TestBackend, enrollToken: string) {
  const context = collectorPerSuite(backend, enrollToken) as ReturnType<typeof collectorPerSuite> & { scratch: string };
  context.scratch = mkdtempSync(join(tmpdir(), 'rollcall-e2e-'));
  afterAll(() => rmSync(context.scratch, { recursive: true, force: true }));
  return context;
}
