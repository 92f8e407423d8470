import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startServer, type RunningServer } from '@rollcall/collector';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, eventually, run, start } from './helpers/cli.ts';

describe.each(testBackends())('asking agents to report now on $name', (backend) => {
  let db: TestDatabase;
  let server: RunningServer;
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-refresh-'));

  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.create();
    server = await startServer({ db: db.target, port: 0, host: '127.0.0.1', log: silentLogger, enrollToken: 'tok' });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available)('sends a full inventory over the open connection when asked', async () => {
    const stateDir = join(scratch, 'agent');
    const agent = start(BIN.agent, ['run', '--server', server.agentUrl, '--token', 'tok', '--state-dir', stateDir, '--metrics-report-seconds', '3600']);
    try {
      const agentId = await eventually('the first inventory', async () => {
        try {
          const id = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')).agentId as string;
          return (await server.store.countInventories(id)) >= 1 ? id : undefined;
        } catch {
          return undefined;
        }
      });
      const listed = (await (await fetch(`${server.url}/api/agents`)).json()) as { agents: { id: string; connected: boolean }[] };
      expect(listed.agents).toContainEqual(expect.objectContaining({ id: agentId, connected: true }));

      const asked = await run(BIN.rollcall, ['agents', 'refresh', '--all', '--spread', '0s', '--server', server.url]);
      expect(asked.stderr).toBe('');
      expect(asked.stdout).toMatch(/asked 1 agent\(s\) for inventory within 0 s/);
      await eventually('a second inventory', async () => ((await server.store.countInventories(agentId)) >= 2 ? true : undefined));
      expect(await server.store.inventoryFullness(agentId)).toEqual([true, true]); // asked for: full, not a delta

      const unknown = await run(BIN.rollcall, ['agents', 'refresh', 'no-such-agent', '--server', server.url]);
      expect(unknown.stdout).toMatch(/asked 0 agent\(s\).*not connected: no-such-agent/);
      const nothing = await run(BIN.rollcall, ['agents', 'refresh', '--server', server.url]);
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toMatch(/name agents, or set "all": true/);
    } finally {
      agent.child.kill('SIGTERM');
      await agent.stop();
    }
  });
});
