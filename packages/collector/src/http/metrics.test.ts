import { describe, expect, it } from 'vitest';
import { collectorPerSuite, testBackends } from '../testing/index.ts';

const REGISTER = ['Asset Tag,Serial Number,Status', 'LT-1,S1,Deployed', 'LT-2,S2,Deployed', 'LT-3,S3,Retired'].join('\n');

describe.each(testBackends())('Prometheus /metrics on $name', (backend) => {
  const collector = collectorPerSuite(backend);
  const url = () => collector.server.url;

  it.skipIf(!backend.available)('exposes fleet gauges in the text format, findings from the latest run', async () => {
    expect((await fetch(`${url()}/api/assets/import`, { method: 'POST', body: REGISTER })).status).toBe(200);
    const run = (await (await fetch(`${url()}/api/reconciliation/runs`, { method: 'POST' })).json()) as { summary: Record<string, number> };
    expect(run.summary.ghost).toBe(2);

    const response = await fetch(`${url()}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE rollcall_agents_connected gauge');
    expect(text).toMatch(/^rollcall_agents_connected 0$/m);
    expect(text).toMatch(/^rollcall_devices_reporting 0$/m);
    expect(text).toMatch(/^rollcall_findings\{kind="ghost"\} 2$/m);
    expect(text).toMatch(/^rollcall_findings\{kind="shadow"\} 0$/m);
    expect(text).toMatch(/^rollcall_idle_assets 0$/m);
    expect(text).not.toMatch(/LT-1|agent_id=/); // fleet level only: no series per device
  });

  it.skipIf(!backend.available)('reports every table with its exact row count and size', async () => {
    const { tables } = (await (await fetch(`${url()}/api/db/stats`)).json()) as { tables: { table: string; rows: number; bytes: number }[] };
    expect(tables.find((t) => t.table === 'assets')).toMatchObject({ rows: 3 });
    expect(tables.find((t) => t.table === 'reconciliation_runs')).toMatchObject({ rows: 1 });
    expect(tables.every((t) => t.bytes > 0)).toBe(true);
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['observations', 'metrics_batches', 'network_devices']));
  });

  it.skipIf(!backend.available)('rolls usage up and prunes it on demand, and names a bad retention', async () => {
    const { stores } = collector.server;
    await stores.agents.enroll({ id: 'r1', keyHash: 'x', agentVersion: 'test', platform: 'linux', hostname: 'r1', now: new Date() });
    const received = new Date(Date.now() - 3_600_000); // an hour ago: settled
    for (let i = 0; i < 3; i++) {
      const startAt = new Date(Date.parse('2026-01-05T09:00:00Z') + i * 1_800_000);
      const batch = { startAt, endAt: new Date(startAt.getTime() + 1_800_000), samples: 30, cpuMin: 1, cpuAvg: 20, cpuMax: 40, memoryMin: 1, memoryAvg: 30, memoryMax: 50, mounts: [], netRxBytes: 0, netTxBytes: 0, uptimeSeconds: 1, users: ['ann'], processes: ['code'] };
      await stores.metrics.record({ agentId: 'r1', seq: i + 1, receivedAt: received, batch });
    }
    const post = (path: string, body?: unknown) => fetch(`${url()}/api/db/${path}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect(await (await post('rollup')).json()).toMatchObject({ batches: 3, hours: 2, days: 1 }); // 09:00–10:30 spans two hours
    expect(await (await post('rollup')).json()).toMatchObject({ batches: 0 });
    expect(await (await post('prune', {})).json()).toEqual({ batches: 3, hours: 0, days: 0, observations: 0, inventories: 0 }); // January is past 14 days, not 2 years
    // Sightings go by their own retention: one seen 100 days ago goes with 90 days, not with the default 2 years.
    const sightings = [100, 0].map((days) => JSON.stringify({ source: 'import:old', seenAt: new Date(Date.now() - days * 86_400_000).toISOString(), hostname: 'gone' })).join('\n');
    expect((await fetch(`${url()}/api/observations/import`, { method: 'POST', body: sightings })).status).toBe(200);
    expect(await (await post('prune', {})).json()).toMatchObject({ observations: 0 });
    expect(await (await post('prune', { observationDays: 90 })).json()).toMatchObject({ observations: 1 });
    // Inventories too, by when they came (default 90 days), but never an agent's latest.
    const device = { hostname: 'r1', serial: 'S1', smbiosUuid: '', machineId: '', macs: [], manufacturer: '', model: '', os: '', timeZone: '' };
    for (const [seq, days] of [[4, 200], [5, 100], [6, 1]] as const) {
      const at = new Date(Date.now() - days * 86_400_000);
      await stores.inventories.record({ agentId: 'r1', seq, full: true, device, collectedAt: at, receivedAt: at, frameBytes: 1, snapshot: { seq }, observations: [] });
    }
    expect(await (await post('prune', { inventoryDays: 150 })).json()).toMatchObject({ inventories: 1 });
    expect(await (await post('prune', {})).json()).toMatchObject({ inventories: 1 });
    expect(await (await post('prune', { inventoryDays: 1 })).json()).toMatchObject({ inventories: 0 }); // the latest stays
    expect(await stores.inventories.count('r1')).toBe(1);

    const bad = await post('prune', { rawDays: 0 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/rawDays/);
    const tables = ((await (await fetch(`${url()}/api/db/stats`)).json()) as { tables: { table: string; rows: number }[] }).tables;
    expect(tables.find((t) => t.table === 'metrics_hourly')).toMatchObject({ rows: 2 });
    expect(tables.find((t) => t.table === 'metrics_daily')).toMatchObject({ rows: 1 });
  });
});
