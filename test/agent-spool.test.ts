import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStores, openDatabase } from '@rollcall/collector';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentState, BIN, eventually, freePort, serve, start } from './helpers/cli.ts';

const TOKEN = 'spool-test-token';

describe.each(testBackends())('agent spool across collector outages and agent crashes on $name', (backend) => {
  let db: TestDatabase;
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-spool-e2e-'));
  const stateDir = join(scratch, 'agent');
  const spoolDir = join(stateDir, 'spool');
  const spooled = () => {
    try {
      return readdirSync(spoolDir).filter((f) => f.endsWith('.frame')).sort();
    } catch {
      return [];
    }
  };
  const seqOf = (file: string) => Number(file.slice(0, 16));
  const agentArgs = (port: number) => [
    'run', '--server', `ws://127.0.0.1:${port}/agent`, '--token', TOKEN, '--state-dir', stateDir,
    '--metrics-sample-seconds', '1', '--metrics-report-seconds', '1', '--log-level', 'warn',
  ];

  beforeAll(async () => {
    if (backend.available) db = await backend.create();
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available)('delivers every queued frame exactly once, in order, and loses nothing unacked to SIGKILL', async () => {
    const port = await freePort();
    const env = { ROLLCALL_ENROLL_TOKEN: TOKEN };
    let server = await serve(db.arg, env, port);
    let agent = start(BIN.agent, agentArgs(port));
    const mustArrive = new Set<number>();
    try {
      // Connected: frames are acked and leave the spool.
      await eventually('the agent to enroll', () => (agentState(stateDir)?.agentKey ? true : undefined));
      // Collector down: metrics queue up on disk.
      expect(await server.stop()).toBe(0);
      await eventually('3 queued frames', () => (spooled().length >= 3 ? true : undefined));
      // Agent killed mid-spool: whatever is on disk now was never acked and must arrive later.
      agent.child.kill('SIGKILL');
      await agent.stop();
      for (const file of spooled()) if (file.includes('.metrics.')) mustArrive.add(seqOf(file));
      expect(mustArrive.size).toBeGreaterThanOrEqual(2);
      agent = start(BIN.agent, agentArgs(port));
      await eventually('more queued frames after the restart', () => (spooled().length >= mustArrive.size + 2 ? true : undefined));
      for (const file of spooled()) if (file.includes('.metrics.')) mustArrive.add(seqOf(file));
      // Collector back: the spool drains (acked frames leave it, so nothing is resent forever).
      server = await serve(db.arg, env, port);
      await eventually('the spool to drain', () => (spooled().length === 0 ? true : undefined));
    } finally {
      agent.child.kill('SIGTERM');
      await agent.stop();
      await server.stop();
    }

    const agentId = agentState(stateDir)!.agentId;
    const database = await openDatabase(db.target, 'test');
    try {
      const stores = createStores(database.db);
      const metrics = await stores.metrics.ofAgent(agentId);
      const seqs = metrics.map((m) => m.seq);
      // Exactly once: no sequence number twice (the unique key would refuse it, the agent must not loop).
      expect(new Set(seqs).size).toBe(seqs.length);
      // In order: stored in the order of their sequence numbers.
      const byId = [...metrics].sort((a, b) => a.id - b.id).map((m) => m.seq);
      expect(byId).toEqual([...seqs].sort((a, b) => a - b));
      // Nothing unacked lost: every metrics frame that sat in the spool is in the database.
      const stored = new Set(seqs);
      expect([...mustArrive].filter((seq) => !stored.has(seq))).toEqual([]);
      expect(await stores.inventories.count(agentId)).toBeGreaterThanOrEqual(1); // reported on connect (a reconnect's report may still be in flight at shutdown)
    } finally {
      await database.close();
    }
  });
});
