import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { startSnmpsim, SWITCH, switchSnmprec, warnIfMissing, type RunningAgent } from '@rollcall/discovery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentState, BIN, freePort, run, start, type RunResult } from './helpers/cli.ts';

/*
 * Every command as the README shows it, with only its required arguments: each option's default
 * must reach the code (a `retries: undefined` spread over the defaults once made `discover` try
 * NaN times and find nothing). The database is the default one — ./.rollcall/db in the directory
 * the command runs in — or PostgreSQL through $ROLLCALL_DB; each command runs once on the database
 * directly and once through a running `rollcall serve`, the two ways a command reaches its data.
 */

const REGISTER = [
  'Asset Tag,Item Name,Serial Number,Status,MAC Address',
  'LT-0001,lt-0001,SN-LT-0001,Deployed,00:1b:21:aa:00:01',
  'LT-0002,lt-0002,SN-LT-0002,Deployed,00:1b:21:aa:00:02',
].join('\n');
const seenAt = new Date(Date.now() - 3_600_000).toISOString();
const SIGHTINGS = [
  { source: 'import:dhcp', seenAt, hostname: 'lt-0001', macs: ['00:1b:21:aa:00:01'], ips: ['10.9.0.11'] },
  { source: 'import:dhcp', seenAt, hostname: 'mystery-box', macs: ['b8:27:eb:12:34:56'], ips: ['10.9.0.66'] },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

// SNMP on its standard port needs root (port 161); a simulated switch on an address of its own.
const SNMP_HOST = '127.0.0.9';
const snmpOn161 = warnIfMissing('snmpsim') && process.getuid?.() === 0;
if (!snmpOn161) console.warn('⚠⚠⚠ not root or no snmpsim: `rollcall discover` with its default port (161) is SKIPPED here');

const ok = (result: RunResult, what: string) => {
  expect(result.code, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
};

describe.each(testBackends())('every command with only its required arguments, on $name', (backend) => {
  let db: TestDatabase;
  let snmp: RunningAgent | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-as-documented-'));
  // PGlite: the default ./.rollcall/db of the working directory; PostgreSQL: $ROLLCALL_DB.
  const env = () => (backend.name === 'postgres' ? { ROLLCALL_DB: db.arg } : {});
  const rollcall = (...args: string[]) => run(BIN.rollcall, args, { cwd: scratch, env: env() });

  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.create();
    writeFileSync(join(scratch, 'register.csv'), REGISTER);
    writeFileSync(join(scratch, 'sightings.jsonl'), SIGHTINGS);
    if (snmpOn161) snmp = await startSnmpsim({ lab: switchSnmprec() }, { hosts: [SNMP_HOST], port: 161 });
  }, 60_000);
  afterAll(async () => {
    await snmp?.stop();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available)('work on the database directly', async () => {
    expect(ok(await rollcall('register', 'import', 'register.csv'), 'register import')).toMatch(/\b2\b/);
    const exported = ok(await rollcall('register', 'export'), 'register export');
    expect(exported).toMatch(/^LT-0001,/m);
    expect(exported).toMatch(/^LT-0002,/m);

    ok(await rollcall('observations', 'import', 'sightings.jsonl'), 'observations import');
    expect(ok(await rollcall('observations', 'list'), 'observations list')).toContain('mystery-box');

    const report = ok(await rollcall('reconcile'), 'reconcile');
    expect(report).toMatch(/ghost 1\b/);
    expect(report).toMatch(/shadow 1\b/);
    expect(report).toContain('LT-0002');
    expect(ok(await rollcall('ghosts'), 'ghosts')).toContain('LT-0002');
    const shadows = ok(await rollcall('shadows'), 'shadows');
    expect(shadows).toContain('b8:27:eb:12:34:56');
    expect(shadows).not.toContain('LT-0002');

    if (snmp) {
      const swept = ok(await rollcall('discover', '--range', SNMP_HOST, '--community', 'lab'), 'discover');
      expect(swept).toMatch(/1 addresses: 1 responded, 0 timed out/);
      expect(swept).toContain(SWITCH.sysName);
      expect(ok(await rollcall('observations', 'list'), 'observations list')).toContain(`snmp:${SWITCH.sysName}`);
    }

    expect(ok(await rollcall('devices'), 'devices')).not.toContain(hostname());
    expect(ok(await rollcall('db', 'stats'), 'db stats')).toMatch(/\bassets\b/);
    ok(await rollcall('db', 'rollup'), 'db rollup');
    ok(await rollcall('db', 'prune'), 'db prune');
    ok(await rollcall('utilization'), 'utilization');
    ok(await rollcall('idle'), 'idle');
    ok(await rollcall('software'), 'software');
  });

  it.skipIf(!backend.available)('work while `rollcall serve` runs and a real agent reports to it (on PGlite through the server)', async () => {
    // The port from the environment: other tests may hold the default 8080 at the same time.
    const port = await freePort();
    const collector = start(BIN.rollcall, ['serve'], { cwd: scratch, env: { ...env(), ROLLCALL_PORT: String(port) } });
    try {
      const [, token] = await collector.waitFor(/enrollment token: (\S+)/);
      const stateDir = join(scratch, 'agent');
      const agent = await run(BIN.agent, ['run', '--server', `ws://127.0.0.1:${port}/agent`, '--token', token!, '--once'], { env: { ROLLCALL_AGENT_STATE_DIR: stateDir } });
      expect(agent.code, agent.stderr).toBe(0);
      const agentId = agentState(stateDir)!.agentId;

      expect(ok(await rollcall('devices'), 'devices')).toContain(hostname());
      expect(ok(await rollcall('devices', 'show', hostname()), 'devices show')).toContain(hostname());
      ok(await rollcall('devices', 'changes', hostname()), 'devices changes');
      expect(ok(await rollcall('agents'), 'agents')).toContain(hostname());
      // Commands to agents go over their sockets: on PGlite the CLI finds the server through the
      // directory's lock; on PostgreSQL it is named (replicas may share the database).
      const server = backend.name === 'postgres' ? ['--server', `http://127.0.0.1:${port}`] : [];
      expect(ok(await rollcall('agents', 'refresh', agentId, ...server), 'agents refresh')).toContain(agentId);
      expect(ok(await rollcall('software', 'find', 'bash'), 'software find')).toContain(hostname());
      ok(await rollcall('software'), 'software');
      ok(await rollcall('utilization'), 'utilization');
      ok(await rollcall('idle'), 'idle');
      expect(ok(await rollcall('observations', 'list'), 'observations list')).toContain(`agent:${agentId}`);
      const shadows = ok(await rollcall('shadows'), 'shadows');
      expect(shadows).toContain(hostname()); // this machine is in no register
      expect(ok(await rollcall('register', 'export'), 'register export')).toMatch(/^LT-0001,/m);
      expect(ok(await rollcall('db', 'stats'), 'db stats')).toMatch(/\binventories\b/);
      ok(await rollcall('db', 'rollup'), 'db rollup');
      ok(await rollcall('db', 'prune'), 'db prune');
      if (snmp) expect(ok(await rollcall('discover', '--range', SNMP_HOST, '--community', 'lab'), 'discover')).toMatch(/1 addresses: 1 responded/);
    } finally {
      expect(await collector.stop()).toBe(0);
    }
  });
});
