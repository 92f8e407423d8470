import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentState, BIN, run, serve } from './helpers/cli.ts';
import { reportInventory } from './helpers/fake-agent.ts';

/*
 * A realistic office, with every expected finding written out below by hand from the scenario:
 *   LAP-001..200  deployed laptops whose agents report            → matched (by serial)
 *   LAP-201..220  deployed, never seen                            → ghost
 *   LAP-221..230  deployed, ARP saw them 45 days ago only         → ghost
 *   STK-001..010  "Ready to Deploy" without a user (in_stock); SNMP sees 001..005 → drift
 *   OLD-001..010  "Archived" (retired); the nmap scan sees 001..004 → zombie
 *   LST-001       "Lost/Stolen", ARP sees it                      → zombie
 *   PRN-001..020  deployed printers, MAC only, SNMP ARP sees them → matched (by MAC)
 *   SRV-001..005  deployed; agent last reported 40 days ago, SNMP saw them yesterday → matched + silent
 *   DUP-001/002   one serial twice in the register; its agent reports → matched ×2 + duplicate
 *   CNF-001/002   an agent reports CNF-001's serial with CNF-002's MAC → conflict; both ghosts, naming that device
 *   JNK-001       registered with a junk serial and a MAC; its agent reports the same junk → matched by MAC
 *   VM-001/002    two cloned VMs sharing one SMBIOS UUID, different serials → matched by serial each
 *   WS-001        registered by name only; DHCP lease with that hostname → matched (by hostname)
 *   THIS-001      this machine, registered by hostname; the real rollcall-agent reports → matched
 *   LAP-001/002 share a docking-station MAC; SNMP sees only the dock MAC → no device, no shadow
 *   Shadows: the scan's NAS, Raspberry Pi, Brother printer, a randomised-MAC phone, an IP-only
 *   host with a PTR name, and a DHCP lease "mystery-box".
 */

const DAY = 86_400_000;
const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const tag = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, '0')}`;
const lapMac = (n: number) => `00:1b:21:01:${hex2(n >> 8)}:${hex2(n & 255)}`;
const DOCK = '00:50:b6:dd:00:01';

interface Row {
  tag: string;
  name?: string;
  serial?: string;
  mac?: string;
  uuid?: string;
  model: string;
  category: string;
  status: string;
  user?: string;
}

function register(): Row[] {
  const rows: Row[] = [];
  for (const n of range(1, 230)) rows.push({ tag: tag('LAP', n), name: `lap-${n}`, serial: `LAPSN${n}`, mac: lapMac(n), model: 'Latitude 7440', category: 'Laptops', status: 'Deployed', user: `User ${n}` });
  for (const n of range(1, 10)) rows.push({ tag: tag('STK', n), serial: `STKSN${n}`, mac: `00:1b:21:05:00:${hex2(n)}`, model: 'Latitude 7440', category: 'Laptops', status: 'Ready to Deploy' });
  for (const n of range(1, 10)) rows.push({ tag: tag('OLD', n), serial: `OLDSN${n}`, mac: `00:1b:21:0d:00:${hex2(n)}`, model: 'OptiPlex 7050', category: 'Desktops', status: 'Archived' });
  rows.push({ tag: 'LST-001', serial: 'LSTSN1', mac: '00:1b:21:0c:00:01', model: 'Latitude 5420', category: 'Laptops', status: 'Lost/Stolen' });
  for (const n of range(1, 20)) rows.push({ tag: tag('PRN', n), name: `prn-${n}`, mac: `3c:2a:f4:10:00:${hex2(n)}`, model: 'HL-L2350DW', category: 'Printers', status: 'Deployed', user: 'Facilities' });
  for (const n of range(1, 5)) rows.push({ tag: tag('SRV', n), name: `srv-${n}`, serial: `SRVSN${n}`, mac: `00:1b:21:0e:00:${hex2(n)}`, model: 'PowerEdge R750', category: 'Servers', status: 'Deployed', user: 'IT' });
  rows.push({ tag: 'DUP-001', serial: 'DUPSERIAL1', model: 'ThinkPad T14', category: 'Laptops', status: 'Deployed', user: 'Ann' });
  rows.push({ tag: 'DUP-002', serial: 'DUPSERIAL1', model: 'ThinkPad T14', category: 'Laptops', status: 'Deployed', user: 'Ann' });
  rows.push({ tag: 'CNF-001', serial: 'CNFSER1', model: 'ThinkPad T14', category: 'Laptops', status: 'Deployed', user: 'Bob' });
  rows.push({ tag: 'CNF-002', mac: '00:1b:21:ff:00:02', model: 'ThinkPad T14', category: 'Laptops', status: 'Deployed', user: 'Cid' });
  rows.push({ tag: 'JNK-001', serial: 'To Be Filled By O.E.M.', mac: '00:1b:21:ee:00:01', model: 'Custom build', category: 'Desktops', status: 'Deployed', user: 'Dee' });
  rows.push({ tag: 'VM-001', serial: 'VMSER1', uuid: '4C4C4544-0042-3510-8052-B4C04F564E32', model: 'VMware7,1', category: 'Virtual', status: 'Deployed', user: 'IT' });
  rows.push({ tag: 'VM-002', serial: 'VMSER2', model: 'VMware7,1', category: 'Virtual', status: 'Deployed', user: 'IT' });
  rows.push({ tag: 'WS-001', name: 'reception-pc', model: 'OptiPlex 3000', category: 'Desktops', status: 'Deployed', user: 'Front desk' });
  rows.push({ tag: 'THIS-001', name: hostname(), model: 'Container', category: 'Servers', status: 'Deployed', user: 'CI' });
  return rows;
}

/** The register as Snipe-IT exports it (header names, status labels, a custom MAC column). */
function snipeItCsv(rows: Row[]): string {
  const header = 'Asset Tag,Item Name,Serial Number,Model Name,Manufacturer,Category,Status,Location,Full Name,Purchase Date,Purchase Cost,Warranty,Notes,MAC Address,UUID';
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = rows.map((r) =>
    [r.tag, r.name ?? '', r.serial ?? '', r.model, 'Acme', r.category, r.status, 'HQ, floor 2', r.user ?? '', '2024-03-01', '1,249.00', '36', 'imported from Snipe-IT', r.mac ?? '', r.uuid ?? ''].map(quote).join(','),
  );
  return `\uFEFF${header}\n${lines.join('\n')}\n`;
}

function sightings(now: number): string {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const lines: object[] = [];
  for (const n of range(221, 230)) lines.push({ source: 'arp:branch-router', seenAt: at(45), macs: [lapMac(n)], ips: [`192.0.2.${n - 200}`] });
  for (const n of range(1, 5)) lines.push({ source: 'snmp:core-sw', seenAt: at(2), macs: [`00-1B-21-05-00-${hex2(n)}`] });
  lines.push({ source: 'arp:branch-router', seenAt: at(3), macs: ['00:1b:21:0c:00:01'], ips: ['192.0.2.99'] });
  for (const n of range(1, 20)) lines.push({ source: 'snmp:core-sw', seenAt: at(1), macs: [`3C2A.F410.00${hex2(n)}`], ips: [`192.0.2.${100 + n}`] });
  for (const n of range(1, 5)) {
    lines.push({ source: `agent:srv-${n}`, seenAt: at(40), hostname: `srv-${n}`, serial: `SRVSN${n}`, macs: [`00:1b:21:0e:00:${hex2(n)}`] });
    lines.push({ source: 'snmp:core-sw', seenAt: at(1), macs: [`00:1b:21:0e:00:${hex2(n)}`], ips: [`192.0.2.${140 + n}`] });
  }
  lines.push({ source: 'snmp:core-sw', seenAt: at(1), macs: [DOCK.toUpperCase()] });
  lines.push({ source: 'import:dhcp', seenAt: at(2), hostname: 'RECEPTION-PC.corp.example', ips: ['192.0.2.150'] });
  lines.push({ source: 'import:dhcp', seenAt: at(1), hostname: 'mystery-box', ips: ['192.0.2.151'] });
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

const inv = (serial: string, macs: string[], extra: { uuid?: string; hostname?: string } = {}) => ({
  hostname: extra.hostname ?? serial.toLowerCase(),
  system: { serial, uuid: extra.uuid ?? '', manufacturer: 'Acme' },
  networkInterfaces: macs.map((mac, i) => ({ name: `eth${i}`, mac, ipv4: [] })),
});

const expected = [
  ...range(1, 200).map((n) => `matched ${tag('LAP', n)}`),
  ...range(201, 230).map((n) => `ghost ${tag('LAP', n)}`),
  ...range(1, 5).map((n) => `drift ${tag('STK', n)}`),
  ...range(1, 4).map((n) => `zombie ${tag('OLD', n)}`),
  'zombie LST-001',
  ...range(1, 20).map((n) => `matched ${tag('PRN', n)}`),
  ...range(1, 5).flatMap((n) => [`matched ${tag('SRV', n)}`, `silent ${tag('SRV', n)}`]),
  'matched DUP-001',
  'matched DUP-002',
  'duplicate DUP-001,DUP-002',
  'ghost CNF-001',
  'ghost CNF-002',
  'conflict serial:CNFSER1',
  'matched JNK-001',
  'matched VM-001',
  'matched VM-002',
  'matched WS-001',
  'matched THIS-001',
  'shadow mac:00:11:32:9c:4e:17',
  'shadow mac:b8:27:eb:4a:7c:21',
  'shadow mac:3c:2a:f4:5b:11:c8',
  'shadow mac:da:a1:19:6e:02:4b',
  'shadow host:legacy-app',
  'shadow host:mystery-box',
].sort();

interface FindingJson {
  kind: string;
  assetTag: string | null;
  assetTags: string[];
  deviceId: string | null;
  matchedBy: string | null;
  vendor: string | null;
  randomizedMac: boolean;
  reasons: string[];
  sources: string[];
  identity: { ips: string[] };
}

describe.each(testBackends())('reconciling an office on $name', (backend) => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof serve>>;
  let findings: FindingJson[];
  /** The real agent also reports this host's own neighbour table, which differs from host to host. */
  let hostArp: string;
  const fromHostNeighbours = (f: FindingJson) => f.sources.length > 0 && f.sources.every((s) => s === hostArp);
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-fleet-'));
  const cli = (...args: string[]) => run(BIN.rollcall, [...args, '--db', db.arg]);
  /** The recorded runs' ids, newest first. */
  const runs = async () => ((await (await fetch(`${server.url}/api/reconciliation/runs?limit=1000`)).json()) as { runs: { id: number }[] }).runs.map((r) => r.id);

  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.create();
    server = await serve(db.arg, { ROLLCALL_RECONCILE_SCHEDULE: 'off' }); // runs are recorded below, explicitly
    const now = Date.now();
    writeFileSync(join(scratch, 'assets.csv'), snipeItCsv(register()));
    writeFileSync(join(scratch, 'sightings.jsonl'), sightings(now));
    const scan = readFileSync(new URL('./fixtures/office-scan.xml', import.meta.url), 'utf8')
      .replaceAll('@START@', String(Math.floor(now / 1000) - 3 * 3600))
      .replaceAll('@END@', String(Math.floor(now / 1000) - 3 * 3600 + 3));
    writeFileSync(join(scratch, 'office-scan.xml'), scan);

    // Agents report through the real WebSocket endpoint.
    const reports = [
      ...range(1, 200).map((n) => inv(`LAPSN${n}`, n <= 2 ? [lapMac(n), DOCK] : [lapMac(n)], { hostname: `lap-${n}` })),
      inv('DUPSERIAL1', []),
      inv('CNFSER1', ['00:1b:21:ff:00:02']),
      inv('To Be Filled By O.E.M.', ['00:1b:21:ee:00:01'], { hostname: 'jnk' }),
      inv('VMSER1', ['00:50:56:01:00:01'], { uuid: '4c4c4544-0042-3510-8052-b4c04f564e32' }),
      inv('VMSER2', ['00:50:56:01:00:02'], { uuid: '4c4c4544-0042-3510-8052-b4c04f564e32' }),
    ];
    for (let i = 0; i < reports.length; i += 20) {
      await Promise.all(reports.slice(i, i + 20).map((r) => reportInventory(server.agentUrl, server.token, r)));
    }
    const agent = await run(BIN.agent, ['run', '--once', '--server', server.agentUrl, '--token', server.token, '--state-dir', join(scratch, 'agent')]);
    expect(agent.code, agent.stderr).toBe(0);
    hostArp = `arp:${agentState(join(scratch, 'agent'))!.agentId}`;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available)('imports the Snipe-IT register and the sightings', async () => {
    const imported = await cli('register', 'import', join(scratch, 'assets.csv'));
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/: 285 rows — 285 created, 0 updated, 0 unchanged/);
    const jsonl = await cli('observations', 'import', join(scratch, 'sightings.jsonl'));
    expect(jsonl.stdout).toMatch(/49 observations imported/);
    const nmap = await cli('observations', 'import', join(scratch, 'office-scan.xml'), '--format', 'nmap');
    expect(nmap.stdout).toMatch(/9 observations imported \(1 hosts down, not imported\)/);
  });

  it.skipIf(!backend.available)('finds exactly the expected findings, and records the run when asked', async () => {
    const result = await cli('reconcile', '--record', '--format', 'json');
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    const hostNeighbours = (report.findings as FindingJson[]).filter(fromHostNeighbours);
    for (const f of hostNeighbours) expect(f.kind).toBe('shadow'); // this host's LAN: unregistered by definition
    findings = (report.findings as FindingJson[]).filter((f) => !fromHostNeighbours(f));
    report.summary.shadow -= hostNeighbours.length;
    const actual = findings.map((f) => `${f.kind} ${f.kind === 'duplicate' ? f.assetTags.join(',') : (f.assetTag ?? f.deviceId)}`).sort();
    expect(actual).toEqual(expected);
    expect(report.summary).toEqual({ matched: 232, ghost: 32, shadow: 6, zombie: 5, drift: 5, duplicate: 1, conflict: 1, silent: 5 });
    expect(await runs()).toEqual([report.runId]);
  });

  it.skipIf(!backend.available)('explains how each was matched', () => {
    const of = (kind: string, assetTag: string) => findings.find((f) => f.kind === kind && f.assetTag === assetTag)!;
    expect(of('matched', 'LAP-007')).toMatchObject({ matchedBy: 'serial', reasons: expect.arrayContaining(['serial LAPSN7 matches asset LAP-007 (confidence 1.0)']) });
    expect(of('matched', 'PRN-003').matchedBy).toBe('mac');
    expect(of('matched', 'JNK-001').matchedBy).toBe('mac');
    expect(of('matched', 'VM-001').reasons).toContain('UUID 4c4c4544-0042-3510-8052-b4c04f564e32 was reported with different serials (VMSER1, VMSER2): not used as an identifier');
    expect(of('matched', 'WS-001').matchedBy).toBe('hostname');
    expect(of('matched', 'THIS-001').matchedBy).toBe('hostname');
    expect(of('matched', 'LAP-001').reasons.join('\n')).toContain(`MAC ${DOCK} was reported with different serials (LAPSN1, LAPSN2)`);
    expect(of('ghost', 'LAP-225').reasons.at(-1)).toMatch(/last seen .* by arp:branch-router, 45 days before/);
    expect(of('silent', 'SRV-002').reasons.at(-1)).toMatch(/agent last reported .* but snmp:core-sw saw it/);
    expect(of('ghost', 'CNF-002').reasons).toEqual([expect.stringMatching(/^asset CNF-002 is deployed but no device could be matched to it: device serial:CNFSER1, last seen .* carries identifiers of it and of CNF-001 \(a conflict\)$/)]);
  });

  it.skipIf(!backend.available)('lists the unmanaged devices for the security team, with vendors', async () => {
    const result = await cli('shadows', '--format', 'csv');
    const rows = result.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^kind,assetTag,assetTags,status,deviceId,matchedBy,confidence,firstSeen,lastSeen,vendor,/);
    const fleetRows = rows.slice(1).filter((row) => !row.includes(hostArp));
    expect(fleetRows).toHaveLength(6);
    // randomizedMac, just before the reasons: a word a spreadsheet shows, for false as for true.
    expect(fleetRows.filter((row) => /,true,"seen by /.test(row)).map((row) => row.split(',')[4])).toEqual(['mac:da:a1:19:6e:02:4b']);
    expect(fleetRows.filter((row) => /,false,"seen by /.test(row))).toHaveLength(5);
    const vendors = Object.fromEntries(findings.filter((f) => f.kind === 'shadow').map((f) => [f.deviceId, f.vendor]));
    expect(vendors).toEqual({
      'mac:00:11:32:9c:4e:17': 'Synology Incorporated',
      'mac:b8:27:eb:4a:7c:21': 'Raspberry Pi Foundation',
      'mac:3c:2a:f4:5b:11:c8': 'Brother Industries',
      'mac:da:a1:19:6e:02:4b': 'locally administered (randomised or virtual)',
      'host:legacy-app': null,
      'host:mystery-box': null,
    });
    expect(findings.find((f) => f.deviceId === 'mac:da:a1:19:6e:02:4b')!.randomizedMac).toBe(true);
    expect(findings.find((f) => f.deviceId === 'host:legacy-app')!.identity.ips).toEqual(['198.51.100.7']);
  });

  it.skipIf(!backend.available)('says what changed since the last recorded run', async () => {
    const table = await cli('ghosts');
    const [recorded] = await runs();
    expect(table.stdout).toMatch(new RegExp(`Since run #${recorded} \\(.*\\): 0 new findings, 0 resolved`));
    expect(table.stdout).toContain('LAP-215');
    expect(table.stdout).not.toContain('LAP-100');
  });

  it.skipIf(!backend.available)('lists only what appeared since the previous run with --new: a device plugged in since', async () => {
    writeFileSync(join(scratch, 'new-device.jsonl'), `${JSON.stringify({ source: 'arp:branch-router', seenAt: new Date().toISOString(), macs: ['b8:27:eb:99:00:01'], ips: ['10.20.0.99'] })}\n`);
    expect((await cli('observations', 'import', join(scratch, 'new-device.jsonl'))).code).toBe(0);
    const before = await runs();
    // Anyone reading the reports (the API, the table, --new) records nothing: the device stays new for the next reader.
    for (const read of [() => fetch(`${server.url}/api/reconciliation?kind=shadow`), () => fetch(`${server.url}/api/reconciliation`), () => cli('shadows'), () => cli('shadows')]) await read();
    for (let i = 0; i < 2; i++) {
      const fresh = await cli('shadows', '--new');
      expect(fresh.stdout).toMatch(new RegExp(`Since run #${before[0]} .*: 1 new finding \\(marked new\\), 0 resolved`));
      expect(fresh.stdout).toMatch(/│ shadow +│ +│ mac:b8:27:eb:99:00:01 +│/);
      expect(fresh.stdout).toMatch(/│ new +│/);
      expect(fresh.stdout.match(/│ shadow /g)).toHaveLength(1); // the other shadows were there before
    }
    expect(await runs()).toEqual(before);

    // --record stores exactly one run, which becomes the baseline.
    const recorded = await cli('shadows', '--new', '--record');
    expect(recorded.stdout.match(/│ shadow /g)).toHaveLength(1);
    const after = await runs();
    expect(after).toHaveLength(before.length + 1);
    expect(recorded.stdout).toContain(`Recorded as run #${after[0]}: later reports and --new compare with it.`);
    const json = JSON.parse((await cli('reconcile', '--format', 'json')).stdout) as { runId: number | null; findings: { deviceId: string | null; appeared: boolean | null }[] };
    expect(json.runId).toBeNull();
    expect(json.findings.filter((f) => f.appeared)).toEqual([]); // seen in the run recorded before
    expect((await cli('shadows', '--new')).stdout).toMatch(/0 new findings, 0 resolved\nNo findings to show\./);
    // So does a POST to the API.
    const posted = await fetch(`${server.url}/api/reconciliation/runs`, { method: 'POST' });
    expect(posted.status).toBe(201);
    expect(await runs()).toEqual([((await posted.json()) as { runId: number }).runId, ...after]);

    // Where it came from: the stored sightings that name its MAC, written any way.
    const seen = JSON.parse((await cli('observations', 'list', '--find', 'B827.EB99.0001', '--format', 'json')).stdout) as { source: string; ips: string[] }[];
    expect(seen.map((o) => [o.source, o.ips])).toEqual([['arp:branch-router', ['10.20.0.99']]]);
    const table = await cli('observations', 'list', '--source', 'arp:branch-router', '--limit', '1');
    expect(table.stdout).toMatch(/│ Seen at +│ Source +│ Hostname +│ Serial +│ MACs +│ IPs +│ Vendor +│ Switch port +│/);
    expect(table.stdout).toContain('b8:27:eb:99:00:01'); // the newest first
    expect((await cli('observations', 'list', '--find', 'no-such-host')).stdout).toBe('No sightings match.\n');
  });

  it.skipIf(!backend.available)('round-trips the register through export and import', async () => {
    const first = await cli('register', 'export');
    writeFileSync(join(scratch, 'export.csv'), first.stdout);
    const again = await cli('register', 'import', join(scratch, 'export.csv'));
    expect(again.stdout).toMatch(/285 rows — 0 created, 0 updated, 285 unchanged/);
    expect((await cli('register', 'export')).stdout).toBe(first.stdout);
  });
});
