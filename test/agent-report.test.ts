import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import si from 'systeminformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentState, BIN, run, serve } from './helpers/cli.ts';

interface DeviceJson {
  agentId: string;
  hostname: string;
  machineId: string;
  serial: string;
  smbiosUuid: string;
  macs: string[];
  firstSeen: string;
  lastSeen: string;
}

/** This machine's identity, straight from systeminformation. */
async function thisMachine() {
  const [os, ids, system, nics] = await Promise.all([si.osInfo(), si.uuid(), si.system(), si.networkInterfaces()]);
  const macs = (Array.isArray(nics) ? nics : [nics])
    .filter((nic) => !nic.internal && nic.mac && nic.mac !== '00:00:00:00:00:00')
    .map((nic) => nic.mac.toLowerCase());
  const unknown = (v: string) => (v === '-' ? '' : v);
  return { hostname: os.hostname, machineId: ids.os, serial: unknown(system.serial), smbiosUuid: unknown(system.uuid).toLowerCase(), macs: [...new Set(macs)].sort() };
}

const agentIdIn = (stateDir: string): string => agentState(stateDir)!.agentId;

describe.each(testBackends())('agent → collector → $name → CLI', (backend) => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof serve>>;
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-e2e-'));
  const stateDir = join(scratch, 'agent');
  const devices = async (): Promise<DeviceJson[]> => {
    const result = await run(BIN.rollcall, ['devices', '--format', 'json', '--db', db.arg]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.create();
    server = await serve(db.arg);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available)('refuses a wrong token: the agent exits non-zero with the reason, nothing is stored', async () => {
    const result = await run(BIN.agent, ['run', '--once', '--server', server.agentUrl, '--token', 'not-the-token', '--state-dir', join(scratch, 'intruder')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/collector refused: enrollment token rejected.*\[ERROR_CODE_UNAUTHENTICATED\]/);
    expect(await devices()).toEqual([]);
  });

  it.skipIf(!backend.available)('stores exactly one device with this machine\'s identity', async () => {
    const result = await run(BIN.agent, ['run', '--once', '--server', server.agentUrl, '--token', server.token, '--state-dir', stateDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/reported inventory to ws:\/\/127\.0\.0\.1:\d+\/agent \(agent [0-9a-f-]{36}, seq 2, \d+ bytes\)/);

    const listed = await devices();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ agentId: agentIdIn(stateDir), ...(await thisMachine()) });
  });

  it.skipIf(!backend.available)('a second run updates last_seen and adds no device', async () => {
    const [before] = await devices();
    const result = await run(BIN.agent, ['run', '--once', '--server', server.agentUrl, '--state-dir', stateDir]); // key, no token
    expect(result.code).toBe(0);
    const after = await devices();
    expect(after).toHaveLength(1);
    expect(after[0]!.firstSeen).toBe(before!.firstSeen);
    expect(Date.parse(after[0]!.lastSeen)).toBeGreaterThan(Date.parse(before!.lastSeen));
  });

  it.skipIf(!backend.available)('shows this machine with its hardware and installed software, found by its hostname', async () => {
    const me = await thisMachine();
    const shown = await run(BIN.rollcall, ['devices', 'show', me.hostname, '--format', 'json', '--db', db.arg]);
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    const { device, inventory } = JSON.parse(shown.stdout);
    expect(device).toMatchObject({ agentId: agentIdIn(stateDir), serial: me.serial, smbiosUuid: me.smbiosUuid });
    expect(inventory).toMatchObject({ hostname: me.hostname, memory: { totalBytes: (await si.mem()).total }, cpu: { cores: (await si.cpu()).cores } });
    expect(Date.parse(inventory.receivedAt)).toBe(Date.parse(device.lastSeen));

    const table = await run(BIN.rollcall, ['devices', 'show', me.hostname, '--db', db.arg]);
    expect(table.stdout).toMatch(new RegExp(`^Agent +${agentIdIn(stateDir)}$`, 'm'));
    expect(table.stdout).toMatch(/^CPU +\S/m);
    expect(table.stdout).toMatch(/^Software +(\d+ packages? \(|none reported)/m);
    const software = await run(BIN.rollcall, ['devices', 'show', device.id, '--software', '--format', 'json', '--db', db.arg]);
    expect(software.code).toBe(0);
    expect((JSON.parse(software.stdout) as { name: string }[]).map((p) => p.name).sort()).toEqual(inventory.software.map((p: { name: string }) => p.name).sort());
    const csv = await run(BIN.rollcall, ['devices', 'show', device.id, '--software', '--format', 'csv', '--db', db.arg]);
    expect(csv.stdout.split('\n')[0]).toBe('Name,Version,Source,Arch,Publisher,Installed,Location,Section');

    // Who has a package, fleet-wide: this machine, with the version its inventory listed.
    const [first] = inventory.software as { name: string; version: string }[];
    if (first) {
      const found = await run(BIN.rollcall, ['software', 'find', first.name, '--format', 'json', '--db', db.arg]);
      expect(found.code, found.stderr).toBe(0);
      expect(JSON.parse(found.stdout)).toContainEqual(expect.objectContaining({ name: first.name, version: first.version, hostname: me.hostname, agentId: agentIdIn(stateDir) }));
    }

    // Two inventories of one unchanged machine: its change history says so (and since when it kept them).
    const changes = await run(BIN.rollcall, ['devices', 'changes', me.hostname, '--format', 'json', '--db', db.arg]);
    expect(changes.code, changes.stderr).toBe(0);
    const history = JSON.parse(changes.stdout) as { inventories: number; changes: { changes: { section: string; item: string }[] }[] };
    expect(history.inventories).toBe(2);
    // Only what can move between two runs a few seconds apart: nothing of the hardware.
    expect(history.changes.flatMap((c) => c.changes).filter((c) => ['identity', 'hardware', 'disks'].includes(c.section))).toEqual([]);
    const badSince = await run(BIN.rollcall, ['devices', 'changes', me.hostname, '--since', 'lately', '--db', db.arg]);
    expect([badSince.code, badSince.stderr.trim()]).toEqual([2, expect.stringMatching(/--since "lately": expected days like 30d/)]);

    const missing = await run(BIN.rollcall, ['devices', 'show', 'no-such-host', '--db', db.arg]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/no device has the id, agent id, serial or hostname "no-such-host"/);
  });

  it.skipIf(!backend.available)('lists the same devices as CSV and as a table', async () => {
    const csv = await run(BIN.rollcall, ['devices', '--format', 'csv', '--db', db.arg]);
    const [header, row, ...rest] = csv.stdout.trim().split('\n');
    expect(header).toMatch(/^Hostname,Serial,Manufacturer,Model,OS,MACs,Machine ID,Agent,First seen,Last seen$/);
    expect(rest).toEqual([]);
    expect(row).toContain(agentIdIn(stateDir));
    const table = await run(BIN.rollcall, ['devices', '--db', db.arg]);
    expect(table.stdout).toContain((await thisMachine()).hostname);
  });

  it.skipIf(!backend.available)('an agent that cannot reach the collector says so and exits non-zero', async () => {
    const result = await run(BIN.agent, ['run', '--once', '--server', 'ws://127.0.0.1:1/agent', '--token', 'x', '--state-dir', join(scratch, 'lost')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot reach the collector at ws:\/\/127\.0\.0\.1:1\/agent: .*ECONNREFUSED/);
  });

  it.skipIf(!backend.available)('the data is there after the collector restarts', async () => {
    expect(await server.stop()).toBe(0);
    expect(await devices()).toHaveLength(1); // PGlite: opened directly now that the server is gone
    server = await serve(db.arg);
    const again = await run(BIN.agent, ['run', '--once', '--server', server.agentUrl, '--state-dir', stateDir]);
    expect(again.code).toBe(0);
    expect(await devices()).toHaveLength(1);
  });

  it.skipIf(!backend.available)('takes the collector and token from a config file', async () => {
    const config = join(scratch, 'agent.json');
    writeFileSync(config, JSON.stringify({ server: server.agentUrl, token: server.token, stateDir: join(scratch, 'configured') }));
    const result = await run(BIN.agent, ['run', '--once', '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(agentIdIn(join(scratch, 'configured'))).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await run(BIN.agent, ['run', '--once', '--config', join(scratch, 'nope.json')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/cannot read the config file .*nope\.json/);
  });
});
