import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { freeUdpPort, ROUTER, routerSnmprec, startSnmpsim, SWITCH, switchSnmprec, warnIfMissing, type RunningAgent } from '@rollcall/discovery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentState, BIN, eventually, run, serve, start } from './helpers/cli.ts';

// The whole path a security team relies on: `rollcall discover` sweeps a range where a switch
// (127.0.0.2) and a router (127.0.0.3) answer SNMP, the sightings are stored, and
// `rollcall shadows` shows the Raspberry Pi nobody registered — seen only in the router's ARP
// table and the switch's forwarding table — with its vendor, its IP and the switch port it is on.
const REGISTER = ['Asset Tag,Item Name,Serial Number,Status,MAC Address', `LT-0042,lt-0042,SN-LT-0042,Deployed,${SWITCH.learned[1].mac}`].join('\n');
const PI = SWITCH.learned[0];

const haveSnmpsim = warnIfMissing('snmpsim');

describe.each(testBackends())('network discovery on $name', (backend) => {
  let db: TestDatabase;
  const agents: RunningAgent[] = [];
  let port: number;
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-discovery-'));
  const cli = (...args: string[]) => run(BIN.rollcall, [...args, '--db', db.arg]);
  const discover = () => cli('discover', '--range', '127.0.0.0/29', '--community', 'wrong', '--community', 'lab', '--port', String(port), '--timeout', '1000', '--retries', '0', '--format', 'json');

  beforeAll(async () => {
    if (!backend.available || !haveSnmpsim) return;
    db = await backend.create();
    port = await freeUdpPort();
    agents.push(await startSnmpsim({ lab: switchSnmprec() }, { hosts: ['127.0.0.2'], port }));
    agents.push(await startSnmpsim({ lab: routerSnmprec() }, { hosts: ['127.0.0.3'], port }));
    writeFileSync(join(scratch, 'register.csv'), REGISTER);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available || !haveSnmpsim)('sweeps, stores, and shows the unregistered Pi as a shadow on its switch port', async () => {
    expect((await cli('register', 'import', join(scratch, 'register.csv'))).code).toBe(0);

    const swept = await discover();
    expect(swept.code, swept.stderr).toBe(0);
    const report = JSON.parse(swept.stdout) as { addresses: number; responded: number; timedOut: number; devices: { address: string; name: string; serial: string | null; vendor: string | null }[]; changes: number };
    expect(report).toMatchObject({ addresses: 6, responded: 2, timedOut: 4, changes: 0 });
    expect(report.devices).toEqual([
      expect.objectContaining({ address: '127.0.0.2', name: 'sw-3', serial: SWITCH.chassis.serial, vendor: SWITCH.chassis.manufacturer }),
      expect.objectContaining({ address: '127.0.0.3', name: 'rt-1', serial: null, vendor: 'MikroTik' }),
    ]);
    expect(swept.stdout).not.toContain('"lab"'); // the community never comes back

    const shadows = await cli('shadows', '--format', 'json');
    expect(shadows.code, shadows.stderr).toBe(0);
    const findings = (JSON.parse(shadows.stdout) as { findings: { kind: string; vendor: string | null; sources: string[]; randomizedMac: boolean; reasons: string[]; identity: { macs: string[]; ips: string[]; switchPorts: string[]; serials: string[]; hostnames: string[] } }[] }).findings;
    const pi = findings.find((f) => f.identity.macs.includes(PI.mac));
    expect(pi).toMatchObject({ kind: 'shadow', vendor: 'Raspberry Pi Foundation' });
    expect(pi!.identity.ips).toEqual(['10.20.0.50']);
    expect(pi!.identity.switchPorts).toEqual([`sw-3 Gi1/0/${PI.port} (VLAN ${PI.vlan})`]);
    expect([...pi!.sources].sort()).toEqual(['snmp:rt-1', 'snmp:sw-3']);
    expect(pi!.reasons.join(' ')).toContain(`on switch port sw-3 Gi1/0/${PI.port}`);

    // The switch itself is unregistered hardware with a serial; the registered laptop is no shadow;
    // the router, seen only through the uplink, has no access port.
    expect(findings.find((f) => f.identity.serials.includes(SWITCH.chassis.serial))).toMatchObject({ kind: 'shadow' });
    expect(findings.some((f) => f.identity.macs.includes(SWITCH.learned[1].mac))).toBe(false);
    expect(findings.find((f) => f.identity.macs.includes(ROUTER.interfaces[0].mac))?.identity.switchPorts).toEqual([]);
    expect(findings.find((f) => f.identity.macs.includes(SWITCH.learned[3].mac))).toMatchObject({ randomizedMac: true });

    // A second sweep of the same network changes nothing.
    const again = JSON.parse((await discover()).stdout) as { changes: number; responded: number };
    expect(again).toMatchObject({ responded: 2, changes: 0 });
  });

  it.skipIf(!backend.available || !haveSnmpsim)('sweeps on schedule under serve, and never logs or returns the community', async () => {
    const targets = join(scratch, 'targets.json');
    // node-cron's six-field form: every second, so the test need not wait for the night.
    writeFileSync(targets, JSON.stringify({ targets: [{ range: '127.0.0.2', communities: ['s3cr3t-lab'], port }], timeoutMs: 1000, retries: 0, schedule: '* * * * * *' }));
    await agents[0]!.stop();
    agents[0] = await startSnmpsim({ 's3cr3t-lab': switchSnmprec() }, { hosts: ['127.0.0.2'], port });
    const server = await serve(db.arg, { ROLLCALL_DISCOVERY_TARGETS: targets, ROLLCALL_LOG_LEVEL: 'info' });
    try {
      const device = await eventually('a scheduled sweep', async () => {
        const { devices } = (await (await fetch(`${server.url}/api/discovery/devices`)).json()) as { devices: { address: string; sysName: string; lastWalkedAt: string }[] };
        return devices.find((d) => d.address === '127.0.0.2' && Date.parse(d.lastWalkedAt) > Date.now() - 60_000);
      });
      expect(device.sysName).toBe('sw-3');
      const detail = (await (await fetch(`${server.url}/api/discovery/devices/127.0.0.2`)).json()) as { walk: { fdb: { mac: string; vendor: string | null }[] }; changes: unknown[] };
      expect(detail.walk.fdb).toHaveLength(SWITCH.learned.length);
      // Every MAC labelled: its OUI vendor, or that it is locally administered.
      expect(detail.walk.fdb.find((e) => e.mac === SWITCH.learned[0].mac)?.vendor).toBe('Raspberry Pi Foundation');
      expect(detail.walk.fdb.find((e) => e.mac === SWITCH.learned[3].mac)?.vendor).toMatch(/locally administered/);
      await eventually('the sweep log line', () => (/discovery sweep done/.test(server.output()) ? true : undefined));
      expect(server.output()).toContain('discovery sweeps scheduled');
      expect(server.output()).not.toContain('s3cr3t-lab');
      expect((await fetch(`${server.url}/api/discovery/devices/10.9.9.9`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it.skipIf(!backend.available || !haveSnmpsim)('hands a sweep to an agent, which walks its LAN and streams the devices back', async () => {
    const server = await serve(db.arg);
    const stateDir = join(scratch, 'agent');
    const agent = start(BIN.agent, ['run', '--server', server.agentUrl, '--token', server.token, '--state-dir', stateDir, '--metrics-report-seconds', '3600', '--inventory-cron', '0 0 1 1 *']);
    try {
      const agentId = await eventually('the agent to enroll', () => agentState(stateDir)?.agentKey && agentState(stateDir)!.agentId);
      await eventually('the agent to be connected', async () => {
        const { agents } = (await (await fetch(`${server.url}/api/agents`)).json()) as { agents: { id: string; connected: boolean }[] };
        return agents.some((a) => a.id === agentId && a.connected) || undefined;
      });
      const swept = await run(BIN.rollcall, ['discover', '--via', agentId, '--range', '127.0.0.3', '--range', '127.0.0.4', '--community', 'lab', '--port', String(port), '--timeout', '1000', '--retries', '0', '--server', server.url, '--format', 'json']);
      expect(swept.code, swept.stderr).toBe(0);
      const job = JSON.parse(swept.stdout) as { agentId: string; done: boolean; devices: { address: string; name: string }[]; summary: { addresses: number; responded: number; timedOut: number } };
      expect(job).toMatchObject({ agentId, done: true, devices: [{ address: '127.0.0.3', name: 'rt-1' }], summary: { addresses: 2, responded: 1, timedOut: 1 } });
      const detail = (await (await fetch(`${server.url}/api/discovery/devices/127.0.0.3`)).json()) as { walk: { arp: unknown[] } };
      expect(detail.walk.arp).toHaveLength(ROUTER.arp.length + ROUTER.arpV6.length);
      expect(agent.output()).not.toContain('"lab"'); // the agent never logs the community

      // As a spreadsheet takes it; its defaults (timeout, retries) travel to the agent filled in.
      const csv = await run(BIN.rollcall, ['discover', '--via', agentId, '--range', '127.0.0.3', '--community', 'lab', '--port', String(port), '--server', server.url, '--format', 'csv']);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout).toBe('address,name\n127.0.0.3,rt-1\n');

      const offline = await run(BIN.rollcall, ['discover', '--via', 'no-such-agent', '--range', '127.0.0.3', '--community', 'lab', '--server', server.url]);
      expect(offline.code).not.toBe(0);
      expect(offline.stderr).toMatch(/agent no-such-agent is not connected/);
    } finally {
      agent.child.kill('SIGTERM');
      await agent.stop();
      await server.stop();
    }
  });

  it.skipIf(!backend.available || !haveSnmpsim)('explains what to do when nothing can be swept', async () => {
    const noCommunity = await cli('discover', '--range', '127.0.0.0/30');
    expect(noCommunity.code).not.toBe(0);
    expect(noCommunity.stderr).toMatch(/no community to try on --range: pass --community/);
    const badRange = await cli('discover', '--range', '10.0.0.0/8', '--community', 'x');
    expect(badRange.stderr).toMatch(/16,777,216 addresses/);
  });
});
