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
        return id && (await collector.server.stores.inventories.count(id)) >= 1 ? id : undefined;
      });
      const listed = (await (await fetch(`${collector.server.url}/api/agents`)).json()) as { agents: { id: string; connected: boolean }[] };
      expect(listed.agents).toContainEqual(expect.objectContaining({ id: agentId, connected: true }));

      const asked = await run(BIN.rollcall, ['agents', 'refresh', '--all', '--spread', '0s', '--server', collector.server.url]);
      expect(asked.stderr).toBe('');
      expect(asked.stdout).toMatch(/asked 1 agent for inventory within 0 s/);
      await eventually('a second inventory', async () => ((await collector.server.stores.inventories.count(agentId)) >= 2 ? true : undefined));
      expect(await collector.server.stores.inventories.fullness(agentId)).toEqual([true, true]); // asked for: full, not a delta

      // A typo is named as one (exit 5: not found), not as an agent that is offline.
      const unknown = await run(BIN.rollcall, ['agents', 'refresh', 'no-such-agent', '--server', collector.server.url]);
      expect(unknown.code).toBe(5);
      expect(unknown.stderr).toMatch(/no agent "no-such-agent" has enrolled; `rollcall agents` or GET \/api\/agents lists the agents/);
      const mixed = await run(BIN.rollcall, ['agents', 'refresh', agentId, 'no-such-agent', '--spread', '0s', '--server', collector.server.url]);
      expect(mixed.stdout).toMatch(/^asked 1 agent for inventory within 0 s; never enrolled: no-such-agent$/m);
      const nothing = await run(BIN.rollcall, ['agents', 'refresh', '--server', collector.server.url]);
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toMatch(/name agents, or set "all": true/);

      // `rollcall agents` lists them, with whether each is connected.
      const table = await run(BIN.rollcall, ['agents', '--server', collector.server.url]);
      expect(table.stdout).toMatch(/^1 agent enrolled, 1 connected now$/m);
      expect(table.stdout).toMatch(new RegExp(`│ ${agentId} +│ [^│]+│ ${process.platform} +│ [^│]+│ yes +│`));
      const json = await run(BIN.rollcall, ['agents', 'list', '--format', 'json', '--server', collector.server.url]);
      expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ id: agentId, platform: process.platform, connected: true })]);

      agent.child.kill('SIGTERM');
      await agent.stop();
      await eventually('the agent to disconnect', async () => {
        const { agents } = (await (await fetch(`${collector.server.url}/api/agents`)).json()) as { agents: { connected: boolean }[] };
        return agents[0]!.connected ? undefined : true;
      });
      const offline = await run(BIN.rollcall, ['agents', 'refresh', agentId, '--server', collector.server.url]);
      expect(offline.code, offline.stderr).toBe(0);
      expect(offline.stdout).toMatch(new RegExp(`^asked 0 agents for inventory within 60 s; not connected now: ${agentId}$`, 'm'));
      const csv = await run(BIN.rollcall, ['agents', '--format', 'csv', '--server', collector.server.url]);
      expect(csv.stdout.split('\n')[0]).toBe('Agent,Hostname,Platform,Version,Connected,First seen,Last seen,Last seq');
      expect(csv.stdout).toMatch(new RegExp(`^${agentId},[^,]+,${process.platform},[^,]+,no,`, 'm'));
    } finally {
      agent.child.kill('SIGTERM');
      await agent.stop();
    }
  });
});
