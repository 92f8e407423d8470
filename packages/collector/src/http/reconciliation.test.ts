import { describe, expect, it } from 'vitest';
import { apiOf, collectorPerSuite, testBackends } from '../testing/index.ts';

const REGISTER = 'Asset Tag,Serial Number,MAC Address,Status\nLAP-1,S1,00:1b:21:00:00:01,Deployed';
const sighting = (mac: string) => JSON.stringify({ source: 'arp:branch', seenAt: new Date(Date.now() - 3_600_000).toISOString(), macs: [mac], ips: ['192.0.2.9'] });

describe.each(testBackends())('reading and recording reconciliation runs on $name', (backend) => {
  const collector = collectorPerSuite(backend);
  const api = apiOf(collector);
  const runCount = async () => ((await api('GET', '/api/reconciliation/runs?limit=1000')).json.runs as unknown[]).length;
  const rowCounts = async () => Object.fromEntries((await collector.server.services.stats.tables()).map((t) => [t.table, t.rows]));

  it.skipIf(!backend.available)('records nothing when a report is read, however often', async () => {
    expect((await api('POST', '/api/assets/import', REGISTER)).status).toBe(200);
    expect((await api('GET', '/api/reconciliation')).json).toMatchObject({ runId: null, changes: null });
    await api('GET', '/api/reconciliation?kind=shadow&new=true');
    expect(await runCount()).toBe(0);
  });

  it.skipIf(!backend.available)('records exactly one run a POST, answering 201 with its id and the report asked for', async () => {
    const posted = await api('POST', '/api/reconciliation/runs', { kind: ['ghost'], ghostAfter: '4w' });
    expect(posted.status).toBe(201);
    expect(posted.json).toMatchObject({ ghostAfterDays: 28, changes: null, findings: [{ kind: 'ghost', assetTag: 'LAP-1' }] });
    expect(posted.json.runId).toEqual(expect.any(Number));
    const { runs } = (await api('GET', '/api/reconciliation/runs')).json;
    expect(runs).toMatchObject([{ id: posted.json.runId, ghostAfterDays: 28, summary: { ghost: 1 } }]);
    const empty = await api('POST', '/api/reconciliation/runs'); // no body: as of now, 30 days
    expect([empty.status, empty.json.ghostAfterDays, empty.json.changes.sinceRunId]).toEqual([201, 30, posted.json.runId]);
    expect(await runCount()).toBe(2);
  });

  it.skipIf(!backend.available)('keeps a device that appeared after the last recorded run new for every reader until a run is recorded', async () => {
    const [last] = (await api('GET', '/api/reconciliation/runs')).json.runs as { id: number }[];
    expect((await api('POST', '/api/observations/import', sighting('b8:27:eb:00:00:07'))).status).toBe(200);
    for (let read = 0; read < 2; read++) {
      const report = (await api('GET', '/api/reconciliation?kind=shadow&new=true')).json;
      expect(report.findings.map((f: { deviceId: string }) => f.deviceId)).toEqual(['mac:b8:27:eb:00:00:07']);
      expect(report).toMatchObject({ runId: null, changes: { sinceRunId: last!.id, appeared: 1 } }); // names the run it compares with
    }
    expect(await runCount()).toBe(2);
    const recorded = (await api('POST', '/api/reconciliation/runs', { kind: 'shadow', new: true })).json;
    expect(recorded.findings.map((f: { deviceId: string }) => f.deviceId)).toEqual(['mac:b8:27:eb:00:00:07']);
    expect((await api('GET', '/api/reconciliation?kind=shadow&new=true')).json).toMatchObject({ findings: [], changes: { sinceRunId: recorded.runId, appeared: 0 } });
  });

  it.skipIf(!backend.available)('writes nothing on any GET of the API', async () => {
    const before = await rowCounts();
    for (const path of ['/api/health', '/api/devices', '/api/agents', '/api/assets', '/api/assets/LAP-1', '/api/assets/LAP-1/history', '/api/assets/export?format=csv', '/api/observations', '/api/reconciliation', '/api/reconciliation?new=true', '/api/reconciliation/runs', '/api/utilization', '/api/software/installs?name=x', '/api/discovery/devices', '/api/db/stats', '/metrics']) {
      expect((await fetch(`${collector.server.url}${path}`)).status, path).toBe(200);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it.skipIf(!backend.available)('names what is wrong with a run request', async () => {
    const bad = async (body: string) => {
      const res = await api('POST', '/api/reconciliation/runs', body);
      expect(res.status, body).toBe(400);
      return res.json.error.message as string;
    };
    expect(await bad('{"kind":"ghosts"}')).toMatch(/unknown finding kind "ghosts"/);
    expect(await bad('{"ghostAfter":"soon"}')).toBe('ghostAfter "soon": expected days like 30d, or weeks like 4w');
    expect(await bad('{"asOf":"yesterday"}')).toMatch(/^asOf "yesterday": expected an ISO-8601 date/);
    expect(await bad('{"new":"yes"}')).toMatch(/^invalid reconciliation run: new: /);
    expect(await bad('{"ghost_after":"30d"}')).toMatch(/^invalid reconciliation run: body: .*ghost_after/);
    expect(await bad('[1]')).toMatch(/^invalid reconciliation run/);
    expect(await bad('{')).toBe('the request body is not valid JSON');
    expect(await runCount()).toBe(3);
  });
});
