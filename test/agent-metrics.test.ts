import { join } from 'node:path';
import { testBackends } from '@rollcall/collector/testing';
import { describe, expect, it } from 'vitest';
import { inProcessCollector } from './helpers/collector.ts';
import { agentState, BIN, eventually, start } from './helpers/cli.ts';

describe.each(testBackends())('a connected agent reports usage to $name', (backend) => {
  const collector = inProcessCollector(backend, 'tok');

  it.skipIf(!backend.available)('sends aggregated MetricsBatch frames on its schedule, each stored once', async () => {
    const stateDir = join(collector.scratch, 'agent');
    const agent = start(BIN.agent, [
      'run', '--server', collector.server.agentUrl, '--token', 'tok', '--state-dir', stateDir,
      '--metrics-sample-seconds', '1', '--metrics-report-seconds', '2',
    ]);
    try {
      const agentId = await eventually('the agent to enroll', () => (agentState(stateDir)?.agentKey ? agentState(stateDir)!.agentId : undefined));
      // Usage may be reported before the first inventory is in: it belongs to the agent's device once that exists.
      const batches = await eventually('two metrics batches and the agent’s device', async () => {
        const rows = await collector.server.stores.metrics.ofAgent(agentId);
        const device = (await collector.server.stores.devices.list()).find((d) => d.agentId === agentId);
        return rows.length >= 2 && device ? rows : undefined;
      });
      for (const batch of batches) {
        expect(batch.samples).toBeGreaterThanOrEqual(1);
        expect(batch.cpuAvg).toBeGreaterThanOrEqual(0);
        expect(batch.cpuAvg).toBeLessThanOrEqual(100);
        expect(batch.memoryMax).toBeGreaterThan(0);
        expect(batch.endAt.getTime()).toBeGreaterThanOrEqual(batch.startAt.getTime());
      }
      // Each process name once per UTC day: the first report has the agent's own node process.
      expect(batches[0]!.processes).toContain('node');
      const days = new Set(batches.map((b) => Math.floor(b.endAt.getTime() / 86_400_000)));
      expect(batches.flatMap((b) => b.processes).filter((p) => p === 'node')).toHaveLength(days.size);
      expect(batches[1]!.seq).toBeGreaterThan(batches[0]!.seq);
      expect(batches[1]!.startAt.getTime()).toBeGreaterThan(batches[0]!.endAt.getTime() - 1);
    } finally {
      agent.child.kill('SIGTERM');
    }
    expect(await agent.stop()).toBe(0);
  });
});
