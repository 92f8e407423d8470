import { describe, expect, it } from 'vitest';
import { collectorPerSuite, testBackends } from '../testing/index.ts';

const REGISTER = ['Asset Tag,Serial Number,Status', 'LT-1,S1,Deployed', 'LT-2,S2,Deployed', 'LT-3,S3,Retired'].join('\n');

describe.each(testBackends())('Prometheus /metrics on $name', (backend) => {
  const collector = collectorPerSuite(backend);
  const url = () => collector.server.url;

  it.skipIf(!backend.available)('exposes fleet gauges in the text format, findings from the latest run', async () => {
    expect((await fetch(`${url()}/api/assets/import`, { method: 'POST', body: REGISTER })).status).toBe(200);
    const run = (await (await fetch(`${url()}/api/reconciliation`)).json()) as { summary: Record<string, number> };
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
});
