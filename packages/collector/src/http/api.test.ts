import { describe, expect, it } from 'vitest';
import { apiOf, collectorPerSuite, testBackends } from '../testing/index.ts';

const CSV = [
  'Asset Tag,Asset Name,Serial Number,MAC Address,Model Name,Manufacturer,Category,Status,Full Name,Location,Purchase Date,Purchase Cost,Warranty,Notes,Company',
  'LAP-001,lap-1,PF3ABCDE,00-1B-21-00-00-01,T14,Lenovo,Laptops,Ready to Deploy,Jane Doe,HQ,2024-01-15,"1,299.00",36,"first, laptop",Acme',
  'LAP-002,lap-2,C02XL0GSJGH5,,MacBook Pro,Apple,Laptops,Deployed,John Roe,HQ,2023-06-01,2499,12,,Acme',
  'PRN-001,printer-1,,3C:2A:F4:00:00:01,HL-L2350,Brother,Printers,Ready to Deploy,,HQ,,,,"multi',
  'line note",Acme',
].join('\n');

const BROKEN = [
  'Asset Tag,Serial Number,Status,Purchase Date',
  'OK-1,S1,Deployed,2024-01-01',
  ',S2,Deployed,2024-01-01',
  'BAD-3,S3,On a shelf,2024-01-01',
  'BAD-4,S4,Deployed,05/10/2023',
].join('\n');

describe.each(testBackends())('HTTP API on $name', (backend) => {
  const collector = collectorPerSuite(backend);
  const api = apiOf(collector);


  it.skipIf(!backend.available)('rejects a CSV with bad rows, naming each line, and writes nothing', async () => {
    const res = await api('POST', '/api/assets/import', BROKEN);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BAD_INPUT');
    expect(res.json.error.message).toMatch(/3 bad rows; nothing was imported/);
    expect(res.json.error.details.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    // Named as the API takes them: an API caller never sees a CLI flag.
    expect(res.json.error.message).toMatch(/Fix them, or pass skipBad=true to import the 1 good row$/);
    expect(res.json.error.details.errors[1].reason).toMatch(/On a shelf.*map it with statusMap LABEL=STATUS/);
    expect(res.text).not.toMatch(/--/);
    expect((await api('GET', '/api/assets')).json.assets).toEqual([]);
  });

  it.skipIf(!backend.available)('names parameters as the rollcall CLI spells them when the CLI asks', async () => {
    const asCli = { 'x-rollcall-client': 'cli' };
    type ApiError = { error: { message: string; details: { errors: { reason: string }[] } } };
    const rejected = (await (await fetch(`${collector.server.url}/api/assets/import`, { method: 'POST', body: BROKEN, headers: asCli })).json()) as ApiError;
    expect(rejected.error.message).toMatch(/or pass --skip-bad to import the 1 good row$/);
    expect(rejected.error.details.errors[1]!.reason).toMatch(/map it with --status-map LABEL=STATUS/);
    const period = await api('GET', '/api/utilization?period=soon');
    expect([period.status, period.json.error.message]).toEqual([400, 'period "soon": expected days like 30d, or weeks like 4w']);
    const cliPeriod = (await (await fetch(`${collector.server.url}/api/utilization?period=soon`, { headers: asCli })).json()) as ApiError;
    expect(cliPeriod.error.message).toBe('--period "soon": expected days like 30d, or weeks like 4w');
    const asOf = await api('GET', '/api/reconciliation?asOf=yesterday');
    expect(asOf.json.error.message).toMatch(/^asOf "yesterday": expected an ISO-8601 date/);
    const noTag = await api('POST', '/api/assets/import?map=assetTag=Nope', 'Tag X,Status\nA,Deployed');
    expect(noTag.json.error.message).toMatch(/^map assetTag=Nope: the file has no column "Nope"/);
  });

  it.skipIf(!backend.available)('imports the good rows with skipBad and reports the bad ones', async () => {
    const res = await api('POST', '/api/assets/import?skipBad=true', BROKEN);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ rows: 4, created: 1, updated: 0, unchanged: 0, skipped: 3 });
    await api('DELETE', '/api/assets/OK-1');
  });

  it.skipIf(!backend.available)('imports a Snipe-IT CSV, mapping statuses and keeping custom columns', async () => {
    const res = await api('POST', '/api/assets/import', CSV);
    expect(res.json).toMatchObject({ rows: 3, created: 3, unknownColumns: ['Company'] });
    const lap = (await api('GET', '/api/assets/LAP-001')).json;
    expect(lap).toMatchObject({
      assetTag: 'LAP-001',
      status: 'deployed', // Ready to Deploy + an assigned user
      macs: ['00:1b:21:00:00:01'],
      purchaseCost: 1299,
      purchaseDate: '2024-01-15',
      warrantyMonths: 36,
      customFields: { Company: 'Acme' },
    });
    expect((await api('GET', '/api/assets/PRN-001')).json).toMatchObject({ status: 'in_stock', notes: 'multi\nline note' });
  });

  it.skipIf(!backend.available)('lists assets by status, written as a user would, and names an unknown status', async () => {
    const tags = async (query: string) => (await api('GET', `/api/assets?${query}`)).json.assets.map((a: { assetTag: string }) => a.assetTag);
    expect(await tags('status=in_stock')).toEqual(['PRN-001']);
    expect(await tags('status=In%20Stock')).toEqual(['PRN-001']);
    expect(await tags('status=deployed')).toContain('LAP-001');
    const bad = await api('GET', '/api/assets?status=shipped');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('status "shipped": expected a lifecycle status (planned, ordered, in_stock, deployed, in_repair, lost, retired, disposed)');
  });

  it.skipIf(!backend.available)('pages through the register in tag order, with the total', async () => {
    const page = async (query: string) => (await api('GET', `/api/assets?${query}`)).json;
    expect(await page('')).toMatchObject({ total: 3, offset: 0, limit: null });
    const second = await page('limit=2&offset=1');
    expect([second.assets.map((a: { assetTag: string }) => a.assetTag), second.total, second.limit]).toEqual([['LAP-002', 'PRN-001'], 3, 2]);
    expect((await page('limit=1&offset=5')).assets).toEqual([]);
    expect((await page('status=deployed&limit=1')).total).toBe(2);
    expect((await page('limit=0')).error.message).toBe('limit "0": expected a whole number from 1 to 10000');
    expect((await page('offset=-3')).error.message).toBe('offset "-3": expected a whole number from 0 to 1000000000');
  });

  it.skipIf(!backend.available)('re-importing the same file changes nothing', async () => {
    expect((await api('POST', '/api/assets/import', CSV)).json).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it.skipIf(!backend.available)('exports a register that re-imports to an identical export', async () => {
    const first = (await api('GET', '/api/assets/export?format=csv')).text;
    expect(first.split('\n')[0]).toMatch(/^Asset Tag,Asset Name,Serial Number,UUID,MAC Address/);
    expect((await api('POST', '/api/assets/import', first)).json).toMatchObject({ unchanged: 3, created: 0, updated: 0 });
    expect((await api('GET', '/api/assets/export?format=csv')).text).toBe(first);
    const json = JSON.parse((await api('GET', '/api/assets/export?format=json')).text);
    expect(json.map((a: { assetTag: string }) => a.assetTag)).toEqual(['LAP-001', 'LAP-002', 'PRN-001']);
  });

  it.skipIf(!backend.available)('creates, patches and deletes assets, keeping every change in the history', async () => {
    const created = await api('POST', '/api/assets', { assetTag: 'MON-1', status: 'in_stock', macs: ['001A.2B3C.4D5E'], purchaseCost: 199 });
    expect(created.status).toBe(201);
    expect(created.json.macs).toEqual(['00:1a:2b:3c:4d:5e']);
    expect((await api('POST', '/api/assets', { assetTag: 'MON-1', status: 'in_stock' })).status).toBe(409);
    expect((await api('PATCH', '/api/assets/MON-1', { status: 'deployed', assignedUser: 'Ann' })).json).toMatchObject({ status: 'deployed', assignedUser: 'Ann' });
    const bad = await api('PATCH', '/api/assets/MON-1', { status: 'borrowed' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/status/);
    expect((await api('DELETE', '/api/assets/MON-1')).status).toBe(204);
    expect((await api('GET', '/api/assets/MON-1')).status).toBe(404);

    const history = (await fetch(`${collector.server.url}/api/assets/LAP-001/history`).then((r) => r.json())) as { history: unknown[] };
    expect(history.history).toHaveLength(1);
    expect(history.history[0]).toMatchObject({ action: 'create', changedBy: 'api', changes: { status: [null, 'deployed'] } });
  });

  it.skipIf(!backend.available)('keeps the history of a deleted asset', async () => {
    // MON-1 was created, patched and deleted above: the audit trail outlives the asset.
    const history = (await api('GET', '/api/assets/MON-1/history')).json.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'update', 'delete']);
    expect(history[1].changes).toEqual({ status: ['in_stock', 'deployed'], assignedUser: [null, 'Ann'] });
    expect(history[2]).toMatchObject({ changedBy: 'api', changes: { status: ['deployed', null] } });
    expect((await api('GET', '/api/assets/NEVER/history')).status).toBe(404);
  });

  it.skipIf(!backend.available)('records each change as made by whom the caller names (changedBy), else "api"', async () => {
    expect((await api('POST', '/api/assets?changedBy=cli:ann', { assetTag: 'WHO-1', status: 'in_stock' })).status).toBe(201);
    expect((await api('PATCH', '/api/assets/WHO-1?changedBy=Zoë', { status: 'deployed' })).status).toBe(200);
    expect((await api('POST', '/api/assets/import?changedBy=importer', 'Asset Tag,Status\nWHO-1,Retired')).json).toMatchObject({ updated: 1 });
    expect((await api('DELETE', '/api/assets/WHO-1?changedBy=')).status).toBe(204);
    const history = (await api('GET', '/api/assets/WHO-1/history')).json.history;
    expect(history.map((h: { action: string; changedBy: string }) => [h.action, h.changedBy])).toEqual([['create', 'cli:ann'], ['update', 'Zoë'], ['update', 'importer'], ['delete', 'api']]);
    const long = await api('POST', `/api/assets?changedBy=${'x'.repeat(256)}`, { assetTag: 'WHO-2' });
    expect([long.status, long.json.error.message]).toEqual([400, 'changedBy: expected at most 255 characters']);
  });

  it.skipIf(!backend.available)('rejects malformed JSON and unknown routes with a JSON error', async () => {
    const res = await api('POST', '/api/assets', '{not json');
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('the request body is not valid JSON');
    expect((await api('GET', '/api/nothing')).status).toBe(404);
  });

  it.skipIf(!backend.available)('imports observations and reconciles them, recording each run posted', async () => {
    const now = Date.now();
    const jsonl = [
      { source: 'import:dhcp', seenAt: new Date(now - 86_400_000).toISOString(), hostname: 'x', serial: 'PF3ABCDE', macs: ['00:1b:21:00:00:01'] },
      { source: 'snmp:core-sw', seenAt: new Date(now - 3_600_000).toISOString(), macs: ['B8:27:EB:12:34:56'], ips: ['192.0.2.77'] },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    expect((await api('POST', '/api/observations/import', jsonl)).json).toMatchObject({ imported: 2, skipped: 0 });
    const bad = await api('POST', '/api/observations/import', '{"source":"x"}\n');
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.errors[0].reason).toMatch(/^line 1: seenAt/);

    const posted = await api('POST', '/api/reconciliation/runs');
    expect(posted.status).toBe(201);
    const first = posted.json;
    expect(first.summary).toEqual({ matched: 1, ghost: 1, shadow: 1, zombie: 0, drift: 0, duplicate: 0, conflict: 0, silent: 0 });
    expect(first.changes).toBeNull();
    const shadow = first.findings.find((f: { kind: string }) => f.kind === 'shadow');
    expect(shadow).toMatchObject({ vendor: 'Raspberry Pi Foundation', identity: { macs: ['b8:27:eb:12:34:56'], ips: ['192.0.2.77'] } });

    await api('PATCH', '/api/assets/LAP-002', { status: 'retired' });
    const second = (await api('POST', '/api/reconciliation/runs', { kind: 'ghost,shadow', ghostAfter: '4w' })).json;
    expect(second.ghostAfterDays).toBe(28);
    expect(second.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['shadow']);
    expect(second.changes).toMatchObject({ sinceRunId: first.runId, appeared: 0, resolved: 1, resolvedFindings: ['ghost|LAP-002|'] });
    expect((await api('GET', '/api/reconciliation/runs')).json.runs).toHaveLength(2);
    expect((await api('GET', '/api/reconciliation/runs?limit=1')).json.runs).toMatchObject([{ id: second.runId }]);
    for (const limit of ['abc', '-1', '0', '2.5', '1001']) {
      const res = await api('GET', `/api/reconciliation/runs?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBe(`limit "${limit}": expected a whole number from 1 to 1000`);
    }
    expect((await api('GET', '/api/reconciliation?kind=ghosts')).json.error.message).toMatch(/unknown finding kind "ghosts"/);
    expect(first.findings.every((f: { appeared: unknown }) => f.appeared === null)).toBe(true); // no baseline
    expect(second.findings).toMatchObject([{ kind: 'shadow', appeared: false }]);
  });

  it.skipIf(!backend.available)('compares a look back at a past date with what was known then, and keeps today\'s runs as the baseline', async () => {
    const [current] = (await api('GET', '/api/reconciliation/runs')).json.runs as { id: number }[];
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const tenDaysAgo = (await api('POST', '/api/reconciliation/runs', { asOf: daysAgo(10) })).json;
    expect(tenDaysAgo.summary.shadow).toBe(0); // the sightings came later
    expect(tenDaysAgo.changes).toBeNull(); // no run describes that day or an earlier one
    const fiveDaysAgo = (await api('POST', '/api/reconciliation/runs', { asOf: daysAgo(5) })).json;
    expect(fiveDaysAgo.changes).toMatchObject({ sinceRunId: tenDaysAgo.runId, sinceAsOf: tenDaysAgo.asOf, appeared: 0, resolved: 0 });
    // Who will be a ghost in three days: in a day's window, today's sightings are gone by then.
    expect((await api('POST', '/api/reconciliation/runs', { asOf: daysAgo(-3), ghostAfter: '1d' })).json.summary.shadow).toBe(0);
    // The gauges show the run of the latest moment up to now, not the look back or ahead that ran last.
    expect(await (await fetch(`${collector.server.url}/metrics`)).text()).toMatch(/^rollcall_findings\{kind="shadow"\} 1$/m);
    const today = (await api('GET', '/api/reconciliation')).json;
    expect(today.changes).toMatchObject({ sinceRunId: current!.id, appeared: 0, resolved: 0 });
  });

  it.skipIf(!backend.available)('marks findings the previous run lacked, and lists only those with new=true', async () => {
    const seenAt = new Date(Date.now() - 3_600_000).toISOString();
    await api('POST', '/api/observations/import', JSON.stringify({ source: 'arp:branch', seenAt, macs: ['00:1b:21:aa:bb:cc'], ips: ['192.0.2.99'] }));
    const fresh = (await api('GET', '/api/reconciliation?kind=shadow&new=true')).json;
    expect(fresh.findings.map((f: { deviceId: string; appeared: boolean }) => [f.deviceId, f.appeared])).toEqual([['mac:00:1b:21:aa:bb:cc', true]]);
    expect(fresh.summary.shadow).toBe(2); // the summary still counts every finding
    const again = (await api('GET', '/api/reconciliation?kind=shadow&new=true')).json;
    expect(again.findings.map((f: { deviceId: string }) => f.deviceId)).toEqual(['mac:00:1b:21:aa:bb:cc']); // reading recorded nothing
    expect((await api('POST', '/api/reconciliation/runs', {})).status).toBe(201);
    const all = (await api('GET', '/api/reconciliation?kind=shadow')).json;
    expect(all.findings.map((f: { appeared: boolean }) => f.appeared)).toEqual([false, false]); // both were in the run recorded since
    expect((await api('GET', '/api/reconciliation?new=yes')).json.error.message).toBe('new "yes": expected true or false');

    // The sightings behind it, newest first, found by its MAC in another notation.
    const listed = (await api('GET', '/api/observations?find=001B.21AA.BBCC')).json;
    expect(listed).toMatchObject({ limit: 100, offset: 0, observations: [{ source: 'arp:branch', macs: ['00:1b:21:aa:bb:cc'], ips: ['192.0.2.99'], seenAt }] });
    expect((await api('GET', '/api/observations?source=snmp:core-sw&limit=1')).json.observations).toMatchObject([{ source: 'snmp:core-sw' }]);
    expect((await api('GET', '/api/observations?limit=0')).json.error.message).toBe('limit "0": expected a whole number from 1 to 10000');
  });
});
