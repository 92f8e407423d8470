import { join } from 'node:path';
import { testBackends } from '@rollcall/collector/testing';
import { describe, expect, it } from 'vitest';
import { inProcessCollector } from './helpers/collector.ts';
import { agentState, BIN, eventually, run, start } from './helpers/cli.ts';

describe.each(testBackends())('asking agents to report now on $name', (backend) => {
  const collector = inProcessCollector(backend, 'tok');

  it.skipIf(!backend.available)('sends a full inventory over the open connection when asked', async () => {
    const stateDir = join(collector.scratch, 'agent');
    // No scheduled inventory during the test (Jan 1st, midnight): only the one asked for.
    const agent = start(BIN.agent, ['run', '--server', collector.server.agentUrl, '--token', 'tok', '--state-dir', stateDir, '--metrics-report-seconds', '3600', '--inventory-cron', '0 0 1 1 *']);
    try {
      const agentId = await eventually('the first inventory', async () => {
        const id = agentState(stateDir)?.agentId;
        return id && (await collector.server.store.countInventories(id)) >= 1 ? id : undefined;
      });
      const listed = (await (await fetch(`${collector.server.url}/api/agents`)).json()) as { agents: { id: string; connected: boolean }[] };
      expect(listed.agents).toContainEqual(expect.objectContaining({ id: agentId, connected: true }));

      const asked = await run(BIN.rollcall, ['agents', 'refresh', '--all', '--spread', '0s', '--server', collector.server.url]);
      expect(asked.stderr).toBe('');
      expect(asked.stdout).toMatch(/asked 1 agent\(s\) for inventory within 0 s/);
      await eventually('a second inventory', async () => ((await collector.server.store.countInventories(agentId)) >= 2 ? true : undefined));
      expect(await collector.server.store.inventoryFullness(agentId)).toEqual([true, true]); // asked for: full, not a delta

      const unknown = await run(BIN.rollcall, ['agents', 'refresh', 'no-such-agent', '--server', collector.server.url]);
      expect(unknown.stdout).toMatch(/asked 0 agent\(s\).*not connected: no-such-agent/);
      const nothing = await run(BIN.rollcall, ['agents', 'refresh', '--server', collector.server.url]);
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toMatch(/name agents, or set "all": true/);
    } finally {
      agent.child.kill('SIGTERM');
      await agent.stop();
    }
  });
});
