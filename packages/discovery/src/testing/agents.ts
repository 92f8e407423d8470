import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Real SNMP agents for tests: net-snmp's snmpd (this host's own tables) and snmpsim (recorded
// walks). Both run unprivileged on loopback high ports; CI installs them (.ci/run).

const SNMPD = '/usr/sbin/snmpd';
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

export const snmpdAvailable = existsSync(SNMPD);
export const snmpsimAvailable = has('snmpsimd');

/** Warns loudly, once per file, when a test has to skip for lack of SNMP agents. */
export function warnIfMissing(what: 'snmpd' | 'snmpsim'): boolean {
  const available = what === 'snmpd' ? snmpdAvailable : snmpsimAvailable;
  if (!available) console.warn(`⚠⚠⚠ ${what} is not installed: SNMP tests against it are SKIPPED (apt-get install snmpd snmpsim; .ci/run does)`);
  return available;
}

/** A UDP port nobody listens on right now. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export interface RunningAgent {
  port: number;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

function stopper(child: ChildProcess, dir: string) {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Waits until the agent answers a GET of sysName (it takes a moment to bind). */
async function ready(port: number, community: string, child: ChildProcess, log: () => string, host = '127.0.0.1') {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the SNMP agent exited (${child.exitCode}): ${log()}`);
    const probe = spawnSync('snmpget', ['-v2c', '-c', community, '-t', '0.2', '-r', '0', `${host}:${port}`, '1.3.6.1.2.1.1.5.0']);
    if (probe.status === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the SNMP agent on port ${port} never answered: ${log()}`);
}

/** net-snmp's snmpd, answering `community` with this host's own system group, interfaces and ARP table. */
export async function startSnmpd(community = 'testpub', system = { sysName: 'test-snmpd', sysLocation: 'lab-rack-1' }): Promise<RunningAgent> {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-snmpd-'));
  const port = await freeUdpPort();
  const conf = join(dir, 'snmpd.conf');
  writeFileSync(conf, [`agentAddress udp:127.0.0.1:${port}`, `rocommunity ${community} 127.0.0.1`, `sysName ${system.sysName}`, `sysLocation ${system.sysLocation}`, ''].join('\n'));
  chmodSync(dir, 0o777);
  const log = join(dir, 'snmpd.log');
  const child = spawn(SNMPD, ['-f', '-C', '-c', conf, '-I', '-smux', '-Lf', log, ...(asRoot ? ['-u', 'nobody', '-g', 'nogroup'] : [])], {
    env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '', MIBDIRS: '/nonexistent' },
    stdio: 'ignore',
  });
  await ready(port, community, child, () => (existsSync(log) ? readFileSync(log, 'utf8') : ''));
  return { port, stop: stopper(child, dir) };
}

/**
 * snmpsim serving each `community → snmprec text` (one simulated device per community) on
 * `hosts` (loopback addresses, default 127.0.0.1), all on one port.
 */
export async function startSnmpsim(walks: Record<string, string>, options: { hosts?: string[]; port?: number } = {}): Promise<RunningAgent> {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-snmpsim-'));
  const data = join(dir, 'data');
  const cache = join(dir, 'cache');
  mkdirSync(data);
  mkdirSync(cache);
  for (const [community, text] of Object.entries(walks)) writeFileSync(join(data, `${community}.snmprec`), text);
  for (const path of [dir, data, cache]) chmodSync(path, 0o777);
  const port = options.port ?? (await freeUdpPort());
  const hosts = options.hosts ?? ['127.0.0.1'];
  let output = '';
  const endpoints = hosts.map((host) => `--agent-udpv4-endpoint=${host}:${port}`);
  // --v2c-arch: snmpsim's lighter v1/v2c-only engine, faster than its v3 stack; --logging-method=null:
  // it would otherwise log every request, which costs time and can fill an unread pipe.
  const child = spawn('snmpsimd', ['--v2c-arch', '--logging-method=null', `--data-dir=${data}`, `--cache-dir=${cache}`, ...endpoints, ...(asRoot ? ['--process-user=nobody', '--process-group=nogroup'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await ready(port, Object.keys(walks)[0]!, child, () => output.slice(-2000), hosts[0]);
  return { port, stop: stopper(child, dir) };
}
