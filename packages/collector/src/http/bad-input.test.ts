import { describe, expect, it } from 'vitest';
import { apiOf, collectorPerSuite, testBackends } from '../testing/index.ts';

// Hostile input every route must answer with a 400 naming the problem, never a 500, and without
// writing anything of it.
describe.each(testBackends())('HTTP API with hostile input on $name', (backend) => {
  const collector = collectorPerSuite(backend);
  const api = apiOf(collector);
  /** The answer must be a 400 whose message is `message` (a string: exactly; a RegExp: matching). */
  const refused = async (answer: Promise<{ status: number; json: { error?: { code: string; message: string } } }>, message: string | RegExp) => {
    const { status, json } = await answer;
    expect({ status, code: json.error?.code }).toEqual({ status: 400, code: 'BAD_INPUT' });
    if (typeof message === 'string') expect(json.error?.message).toBe(message);
    else expect(json.error?.message).toMatch(message);
  };
  const asset = { assetTag: 'LAP-1', status: 'deployed' };

  it.skipIf(!backend.available)('refuses a NUL character in asset bodies, naming the field, and writes nothing', async () => {
    await refused(api('POST', '/api/assets', { ...asset, notes: 'a\u0000b' }), 'notes: text must not contain NUL characters (\\u0000)');
    await refused(api('POST', '/api/assets', { ...asset, assetTag: 'NUL\u0000' }), 'assetTag: text must not contain NUL characters (\\u0000)');
    await refused(api('POST', '/api/assets', { ...asset, customFields: { 'Owner\u0000': 'x' } }), 'customFields: the key "Owner\\u0000": text must not contain NUL characters (\\u0000)');
    await refused(api('POST', '/api/assets', { ...asset, name: 'half a pair \ud800' }), 'name: text is not valid Unicode (half of a UTF-16 surrogate pair)');
    expect((await api('GET', '/api/assets/LAP-1')).status).toBe(404);

    expect((await api('POST', '/api/assets', { ...asset, notes: 'original' })).status).toBe(201);
    await refused(api('PATCH', '/api/assets/LAP-1', { macs: ['00:1b:21:00:00:01', 'x\u0000'] }), 'macs[1]: text must not contain NUL characters (\\u0000)');
    expect((await api('GET', '/api/assets/LAP-1')).json).toMatchObject({ notes: 'original', macs: [] });
  });

  it.skipIf(!backend.available)('refuses a NUL character in a path or query parameter', async () => {
    await refused(api('GET', '/api/assets/LAP%001'), 'the path segment "LAP\\u00001": text must not contain NUL characters (\\u0000)');
    await refused(api('GET', '/api/devices/x%00/changes'), /^the path segment "x\\u0000": /);
    await refused(api('GET', '/api/observations?find=00%00'), 'the query parameter "find": text must not contain NUL characters (\\u0000)');
    await refused(api('GET', '/api/software/installs?name=ssl%00'), /^the query parameter "name": /);
  });

  it.skipIf(!backend.available)('refuses numbers the register cannot hold, naming the field and the range', async () => {
    await refused(api('POST', '/api/assets', { ...asset, assetTag: 'BIG-1', purchaseCost: 1e308 }), 'invalid asset: purchaseCost: expected an amount from 0 to 999999999999.99');
    await refused(api('POST', '/api/assets', { ...asset, assetTag: 'BIG-2', warrantyMonths: 1e10 }), 'invalid asset: warrantyMonths: expected 0 to 1200 months');
    await refused(api('POST', '/api/assets', { ...asset, assetTag: 'BIG-3', purchaseDate: '0000-01-01' }), 'invalid asset: purchaseDate: expected a date from 1900-01-01 to 9999-12-31');
    await refused(api('POST', '/api/assets', { ...asset, assetTag: 'BIG-4', serial: 'S'.repeat(3000) }), 'invalid asset: serial: expected at most 255 characters');
    await refused(api('PATCH', '/api/assets/LAP-1', { purchaseCost: 1e20 }), 'invalid asset: purchaseCost: expected an amount from 0 to 999999999999.99');
    expect((await api('GET', '/api/assets')).json.assets.map((a: { assetTag: string }) => a.assetTag)).toEqual(['LAP-1']);
    expect((await api('GET', '/api/assets/LAP-1')).json.purchaseCost).toBeNull();
  });

  it.skipIf(!backend.available)('refuses offsets and day counts beyond what it can compute with', async () => {
    await refused(api('GET', '/api/assets?offset=99999999999999999999'), 'offset "99999999999999999999": expected a whole number from 0 to 1000000000');
    await refused(api('GET', '/api/observations?offset=99999999999999999999'), /^offset "99999999999999999999": /);
    await refused(api('GET', '/api/software/installs?name=a&limit=99999999999999999999'), 'limit "99999999999999999999": expected a whole number from 1 to 100000');
    await refused(api('POST', '/api/software/report', { unusedDays: 1e9 }), 'invalid software request: unusedDays: expected at most 36500 days (100 years)');
    await refused(api('POST', '/api/software/report', { asOf: '0001-01-01T00:00:00Z' }), 'invalid software request: asOf: expected a date between 1970-01-01 and 9999-12-31');
    await refused(api('POST', '/api/db/prune', { observationDays: 1e9 }), 'invalid prune request: observationDays: expected at most 36500 days (100 years)');
    await refused(api('GET', '/api/utilization?period=99999999999999d'), 'period "99999999999999d": at most 36500 days (100 years)');
    await refused(api('GET', '/api/utilization?asOf=0001-01-01'), 'asOf "0001-01-01": expected a date between 1970-01-01 and 9999-12-31');
    await refused(api('GET', '/api/utilization?life=Laptop=99999999999'), 'life "Laptop=99999999999": at most 1200 months (100 years)');
    await refused(api('GET', '/api/devices/x/changes?since=99999999d'), 'since "99999999d": at most 36500 days (100 years)');
    await refused(api('GET', '/api/reconciliation?ghostAfter=9999999999w'), 'ghostAfter "9999999999w": at most 36500 days (100 years)');
  });

  it.skipIf(!backend.available)('refuses sweep ranges that are too large or no range, naming them, before sweeping', async () => {
    const sweep = (range: string) => api('POST', '/api/discovery/sweeps', { targets: [{ range: '192.0.2.1', communities: ['public'] }, { range, communities: ['public'] }], timeoutMs: 50, retries: 0 });
    await refused(sweep('10.0.0.0/8'), 'the request body is not a valid sweep: targets[1].range: "10.0.0.0/8" holds 16,777,216 addresses, more than the 65,536 a sweep may probe');
    await refused(sweep('not a range!'), 'the request body is not a valid sweep: targets[1].range: "not a range!" is neither an IP address, a CIDR range nor a host name');
    await refused(sweep('2001:db8::/32'), /targets\[1\]\.range: "2001:db8::\/32": IPv6 ranges are too large to sweep/);
    const many = Array.from({ length: 2 }, (_, i) => ({ range: `10.${i}.0.0/16`, communities: ['public'] }));
    await refused(api('POST', '/api/discovery/sweeps', { targets: many }), 'the request body is not a valid sweep: more than 65,536 addresses to sweep: narrow the ranges');
    expect((await api('GET', '/api/discovery/devices')).json.devices).toEqual([]);
  });

  it.skipIf(!backend.available)('takes a JSON line with a NUL character for a bad line, and imports the others with skipBad', async () => {
    const line = (hostname: string) => JSON.stringify({ source: 'import:test', seenAt: '2026-11-01T00:00:00Z', hostname });
    const file = `${line('good-1')}\n${line('bad\u0000')}\n${JSON.stringify({ source: 'import:test', seenAt: '2026-11-01T00:00:00Z', hostname: 'x', extra: { note: '\u0000' } })}\n`;
    const bad = await api('POST', '/api/observations/import', file);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.errors).toEqual([
      { line: 2, reason: 'line 2: hostname: text must not contain NUL characters (\\u0000)' },
      { line: 3, reason: 'line 3: extra.note: text must not contain NUL characters (\\u0000)' },
    ]);
    expect((await api('GET', '/api/observations')).json.observations).toEqual([]);
    expect((await api('POST', '/api/observations/import?skipBad=true', file)).json).toMatchObject({ imported: 1, skipped: 2 });
    expect((await api('GET', '/api/observations')).json.observations.map((o: { hostname: string }) => o.hostname)).toEqual(['good-1']);
  });

  it.skipIf(!backend.available)('refuses an nmap file that declares entities or gives an impossible time', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY leak SYSTEM "file:///etc/passwd">]><nmaprun start="1717406102"><host><status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/><hostnames><hostname name="&leak;"/></hostnames></host></nmaprun>';
    await refused(api('POST', '/api/observations/import?format=nmap', xxe), /^not an nmap XML file: it declares a document type or entities/);
    const bomb = '<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><nmaprun start="1"><host><status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/><hostnames><hostname name="&b;"/></hostnames></host></nmaprun>';
    await refused(api('POST', '/api/observations/import?format=nmap', bomb), /^not an nmap XML file: it declares/);
    const future = '<nmaprun start="99999999999999999"><host><status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/></host></nmaprun>';
    await refused(api('POST', '/api/observations/import?format=nmap', future), 'nmap XML nmaprun start "99999999999999999" is no time between 1970 and 9999 (seconds since 1970 expected)');
    expect((await api('GET', '/api/observations')).json.observations.map((o: { hostname: string }) => o.hostname)).toEqual(['good-1']);
  });

  it.skipIf(!backend.available)('takes a CSV row with a NUL character or an overflowing cost for a bad row, and imports the good ones with skipBad', async () => {
    const csv = 'Asset Tag,Status,Notes,Purchase Cost\nCSV-1,Deployed,fine,10\nCSV-2,Deployed,bro\u0000ken,10\nCSV-3,Deployed,fine,99999999999999999999\nCSV-4,Deployed,fine,10\n';
    const bad = await api('POST', '/api/assets/import', csv);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.errors).toEqual([
      { line: 3, assetTag: 'CSV-2', reason: 'notes: text must not contain NUL characters (\\u0000)' },
      { line: 4, assetTag: 'CSV-3', reason: 'purchase cost "99999999999999999999" is out of range: expected 0 to 999999999999.99' },
    ]);
    expect((await api('GET', '/api/assets/CSV-1')).status).toBe(404);
    expect((await api('POST', '/api/assets/import?skipBad=true', csv)).json).toMatchObject({ rows: 4, created: 2, skipped: 2 });
    await refused(api('POST', '/api/assets/import', 'Asset Tag,Status,Own\u0000er\nX,Deployed,me\n'), 'line 1: the header "Own\\u0000er": text must not contain NUL characters (\\u0000)');
  });

  it.skipIf(!backend.available)('refuses a NUL character in other bodies: software rules, agent refresh, sweeps', async () => {
    await refused(api('POST', '/api/software/report', { rules: [{ process: 'cad\u0000', title: 'CAD' }] }), 'rules[0].process: text must not contain NUL characters (\\u0000)');
    await refused(api('POST', '/api/agents/refresh', { agents: ['a\u0000'] }), 'agents[0]: text must not contain NUL characters (\\u0000)');
    await refused(api('POST', '/api/discovery/sweeps', { targets: [{ range: '192.0.2.1', communities: ['pub\u0000lic'] }] }), 'targets[0].communities[0]: text must not contain NUL characters (\\u0000)');
  });
});
