import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testBackends } from '@rollcall/collector/testing';
import { freeUdpPort, Snmprec, startSnmpsim, warnIfMissing, type RunningAgent } from '@rollcall/discovery/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { inProcessCollector } from './helpers/collector.ts';
import { BIN, run } from './helpers/cli.ts';
import { reportInventory } from './helpers/fake-agent.ts';

// Spreadsheet formula injection: values that came from a register file, a DHCP export, an agent or
// an SNMP device, written by every CSV output a user opens in a spreadsheet. Each must come out
// with a leading ', and the register must still round-trip byte for byte.
const HYPERLINK = '=HYPERLINK("http://x","y")';
const CALC = "+cmd|' /C calc'!A0";
// No dot or colon: these stay hostnames through the engine (which shortens and lower-cases them).
const SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const MINUS = "-1+cmd|' /C calc'!A0";

const REGISTER = [
  'Asset Tag,Asset Name,Serial Number,Status,Model Name,Location,Supplier,Order Number,Notes,Balance',
  `H-1,"=HYPERLINK(""http://x"",""y"")",SN-H1,Deployed,"${CALC}",@SUM(1+1),-2+3,'=already neutralised,"two\nlines",-5`,
  'H-2,pc-2,SN-H2,Deployed,Latitude 7440,"Zürich, Floor 2",CDW,PO-1,plain,-12.50',
].join('\n');

/** RFC 4180 cells, enough for what csvRows writes. */
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  return rows;
}

/** Cells a spreadsheet would run as formulas (negative numbers are numbers). */
const formulas = (csv: string) => cells(csv).flat().filter((cell) => /^[=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) || (cell.startsWith('-') && !/^-\d+(\.\d+)?$/.test(cell)));

const haveSnmpsim = warnIfMissing('snmpsim');

describe.each(testBackends())('CSV output with hostile values on $name', (backend) => {
  const collector = inProcessCollector(backend, 'tok');
  const cli = (...args: string[]) => run(BIN.rollcall, [...args, '--db', collector.db.arg]);
  let agentId: string;

  beforeAll(async () => {
    if (!backend.available) return;
    writeFileSync(join(collector.scratch, 'register.csv'), REGISTER);
    const imported = await cli('register', 'import', join(collector.scratch, 'register.csv'));
    expect(imported.stderr).toBe('');
    const sightings = [
      { source: 'import:dhcp', seenAt: new Date(Date.now() - 3_600_000).toISOString(), hostname: HYPERLINK, ips: ['10.9.0.1'] },
      { source: 'import:dhcp', seenAt: new Date(Date.now() - 3_600_000).toISOString(), hostname: MINUS, ips: ['10.9.0.2'], vendor: CALC },
    ];
    writeFileSync(join(collector.scratch, 'sightings.jsonl'), sightings.map((s) => JSON.stringify(s)).join('\n') + '\n');
    expect((await cli('observations', 'import', join(collector.scratch, 'sightings.jsonl'))).stdout).toMatch(/2 observations imported/);
    // Asset H-1's agent: its machine calls itself a formula, and has packages named like one.
    agentId = await reportInventory(collector.server.agentUrl, 'tok', {
      hostname: SUM,
      system: { serial: 'SN-H1', manufacturer: CALC },
      networkInterfaces: [],
      software: [
        { name: HYPERLINK, version: '-1+2', publisher: CALC, installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'utils' },
        { name: CALC, version: '1.0', publisher: '', installedAtMs: 0, source: 'dpkg', arch: 'amd64', location: '', section: 'utils' },
      ],
    });
    const startAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
    await collector.server.stores.metrics.record({
      agentId,
      seq: 3, // after the inventory's frames: a lower one would be taken for a resent duplicate
      receivedAt: new Date(),
      batch: { startAt, endAt: new Date(startAt.getTime() + 3_600_000), samples: 60, cpuMin: 10, cpuAvg: 40, cpuMax: 80, memoryMin: 50, memoryAvg: 50, memoryMax: 50, mounts: [], netRxBytes: 0, netTxBytes: 0, uptimeSeconds: 1000, users: ['ann'], processes: [] },
    });
    expect((await cli('db', 'rollup')).code).toBe(0);
  });

  it.skipIf(!backend.available)('register export (CLI and API) neutralises formulas, and export → import → export is byte-identical', async () => {
    const first = await cli('register', 'export');
    expect(first.code, first.stderr).toBe(0);
    const [header, h1, h2] = cells(first.stdout);
    const cell = (row: string[] | undefined, name: string) => row![header!.indexOf(name)];
    expect(cell(h1, 'Asset Name')).toBe(`'${HYPERLINK}`);
    expect(cell(h1, 'Model Name')).toBe(`'${CALC}`);
    expect(cell(h1, 'Location')).toBe("'@SUM(1+1)");
    expect(cell(h1, 'Supplier')).toBe("'-2+3");
    expect(cell(h1, 'Order Number')).toBe("'=already neutralised"); // the import took one ' off, the export put it back
    expect(cell(h1, 'Balance')).toBe('-5');
    expect(cell(h2, 'Balance')).toBe('-12.50');
    expect(cell(h2, 'Location')).toBe('Zürich, Floor 2');
    expect(formulas(first.stdout)).toEqual([]);

    const api = await fetch(`${collector.server.url}/api/assets/export?format=csv`);
    expect(api.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await api.text()).toBe(first.stdout);

    const json = JSON.parse((await cli('register', 'export', '--format', 'json')).stdout) as { assetTag: string; name: string; orderNumber: string; customFields: Record<string, string> }[];
    expect(json.find((a) => a.assetTag === 'H-1')).toMatchObject({ name: HYPERLINK, orderNumber: '=already neutralised', customFields: { Balance: '-5' } });

    writeFileSync(join(collector.scratch, 'export.csv'), first.stdout);
    const again = await cli('register', 'import', join(collector.scratch, 'export.csv'));
    expect(again.stdout).toMatch(/2 rows — 0 created, 0 updated, 2 unchanged/);
    expect((await cli('register', 'export')).stdout).toBe(first.stdout);
  });

  it.skipIf(!backend.available)('observations list, reconcile and shadows neutralise hostnames and vendors from the network', async () => {
    const observations = await cli('observations', 'list', '--format', 'csv');
    expect(observations.code, observations.stderr).toBe(0);
    expect(cells(observations.stdout).flat()).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'${MINUS}`, `'${CALC}`, `'${SUM}`]));
    expect(formulas(observations.stdout)).toEqual([]);

    for (const command of ['reconcile', 'shadows']) {
      const report = await cli(command, '--format', 'csv');
      expect(report.code, report.stderr).toBe(0);
      expect(cells(report.stdout).flat()).toEqual(expect.arrayContaining([`'${MINUS.toLowerCase()}`, `'${CALC}`])); // the unregistered device's hostname and vendor
      expect(formulas(report.stdout)).toEqual([]);
    }
    expect(cells((await cli('reconcile', '--format', 'csv')).stdout).flat()).toContain(`'${SUM.toLowerCase()}`); // H-1's agent
  });

  it.skipIf(!backend.available)('devices, device details, software and utilization neutralise what an agent reported', async () => {
    const outputs = {
      devices: await cli('devices', '--format', 'csv'),
      show: await cli('devices', 'show', agentId, '--format', 'csv'),
      packages: await cli('devices', 'show', agentId, '--software', '--format', 'csv'),
      software: await cli('software', '--all', '--format', 'csv'),
      find: await cli('software', 'find', 'hyperlink', '--format', 'csv'),
      utilization: await cli('utilization', '--period', '1d', '--format', 'csv'),
    };
    for (const [name, result] of Object.entries(outputs)) {
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      expect(formulas(result.stdout), name).toEqual([]);
    }
    expect(cells(outputs.devices.stdout).flat()).toContain(`'${SUM}`);
    expect(cells(outputs.show.stdout)).toContainEqual(['Hostname', `'${SUM}`]);
    expect(cells(outputs.packages.stdout).flat()).toEqual(expect.arrayContaining([`'${HYPERLINK}`, "'-1+2"]));
    expect(cells(outputs.software.stdout).flat()).toEqual(expect.arrayContaining(["'+cmd c calc a0", `'${CALC}`])); // a title, a publisher
    expect(cells(outputs.find.stdout).flat()).toEqual(expect.arrayContaining([`'${SUM}`, `'${HYPERLINK}`]));
    expect(cells(outputs.utilization.stdout)[1]).toEqual(expect.arrayContaining(['H-1', `'${CALC}`, "'@SUM(1+1)"])); // its asset's model and location
  });

  it.skipIf(!backend.available || !haveSnmpsim)('discover neutralises the name an SNMP device gives itself', async () => {
    const port = await freeUdpPort();
    const walk = new Snmprec()
      .set('1.3.6.1.2.1.1.1.0', { str: 'switch' })
      .set('1.3.6.1.2.1.1.2.0', { oid: '1.3.6.1.4.1.9.1.1' })
      .set('1.3.6.1.2.1.1.3.0', { ticks: 1000 })
      .set('1.3.6.1.2.1.1.5.0', { str: HYPERLINK });
    const device: RunningAgent = await startSnmpsim({ lab: walk.toString() }, { hosts: ['127.0.0.5'], port });
    try {
      const swept = await cli('discover', '--range', '127.0.0.5', '--community', 'lab', '--port', String(port), '--format', 'csv');
      expect(swept.code, swept.stderr).toBe(0);
      expect(cells(swept.stdout)[1]?.slice(0, 2)).toEqual(['127.0.0.5', `'${HYPERLINK}`]);
      expect(formulas(swept.stdout)).toEqual([]);
    } finally {
      await device.stop();
    }
  });

});
