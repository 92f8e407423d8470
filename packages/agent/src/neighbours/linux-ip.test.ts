import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { canonicalMac } from '@rollcall/protocol';
import { describe, expect, it } from 'vitest';
import { linuxIpProbe, parseIpNeigh } from './linux-ip.ts';

const fixture = readFileSync(new URL('./fixtures/ip-neigh.json', import.meta.url), 'utf8');

describe('parseIpNeigh', () => {
  it('reads every NUD state, IPv4 and IPv6, router and extern_learn entries', () => {
    expect(parseIpNeigh(fixture)).toEqual([
      { ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'wlp0s20f3', state: 'reachable' },
      { ip: '192.0.2.17', mac: '3c:22:fb:4a:5b:6c', interface: 'wlp0s20f3', state: 'stale' },
      { ip: '192.0.2.44', mac: 'b8:27:eb:12:34:56', interface: 'wlp0s20f3', state: 'delay' },
      { ip: '192.0.2.50', mac: '00:1b:a9:77:08:99', interface: 'wlp0s20f3', state: 'probe' },
      { ip: '192.0.2.99', mac: '', interface: 'wlp0s20f3', state: 'failed' },
      { ip: '192.0.2.120', mac: '', interface: 'wlp0s20f3', state: 'incomplete' },
      { ip: '203.0.113.10', mac: '00:50:56:9a:bc:de', interface: 'enp0s31f6', state: 'permanent' },
      { ip: '198.51.100.2', mac: '02:42:c6:33:64:02', interface: 'docker0', state: 'stale' },
      { ip: '198.51.100.20', mac: '52:54:00:ab:cd:ef', interface: 'vxlan100', state: 'noarp' },
      { ip: 'fe80::3ea6:2fff:fe12:3456', mac: '3c:a6:2f:12:34:56', interface: 'wlp0s20f3', state: 'reachable' },
      { ip: '2001:db8:1::1', mac: '3c:a6:2f:12:34:56', interface: 'wlp0s20f3', state: 'stale' },
      { ip: 'fe80::3e22:fbff:fe4a:5b6c', mac: '3c:22:fb:4a:5b:6c', interface: 'wlp0s20f3', state: 'stale' },
      { ip: '2001:db8:1::dead', mac: '', interface: 'wlp0s20f3', state: 'failed' },
      { ip: '2001:db8:1::7', mac: '', interface: 'wlp0s20f3', state: 'incomplete' },
    ]);
  });

  it('takes the first known state flag; no or unknown flags are unknown', () => {
    const neigh = (extra: object) => JSON.stringify([{ dst: '192.0.2.1', dev: 'eth0', lladdr: '3c:a6:2f:12:34:56', ...extra }]);
    expect(parseIpNeigh(neigh({ state: ['NEWFLAG', 'STALE', 'PERMANENT'] }))[0]?.state).toBe('stale');
    expect(parseIpNeigh(neigh({ state: ['NEWFLAG'] }))[0]?.state).toBe('unknown');
    expect(parseIpNeigh(neigh({ extern_learn: null }))[0]?.state).toBe('unknown');
  });

  it('skips proxy entries (as `ip -j neigh show proxy` prints them) and unreadable items', () => {
    const output = JSON.stringify([
      { dst: '198.51.100.30', dev: 'eth0', proxy: null },
      { dev: 'eth0', lladdr: '3c:a6:2f:12:34:56', state: ['REACHABLE'] },
      { dst: 'not-an-ip', dev: 'eth0', state: ['REACHABLE'] },
      null,
      'text',
      { dst: '192.0.2.1', dev: 'eth0', lladdr: '3c:a6:2f:12:34:56', state: ['REACHABLE'] },
    ]);
    expect(parseIpNeigh(output)).toEqual([{ ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'eth0', state: 'reachable' }]);
  });

  it('returns nothing for an empty table or no output', () => {
    expect(parseIpNeigh('[]\n')).toEqual([]);
    expect(parseIpNeigh('')).toEqual([]);
  });

  it('throws for output that is not a JSON array', () => {
    expect(() => parseIpNeigh('192.0.2.1 dev eth0 lladdr 3c:a6:2f:12:34:56 REACHABLE\n')).toThrow(/^ip neigh: output is not JSON/);
    expect(() => parseIpNeigh('[{"dst":"192.0.2.1",')).toThrow(/^ip neigh: /);
    expect(() => parseIpNeigh('{"dst":"192.0.2.1"}')).toThrow('ip neigh: output is not a JSON array');
  });
});

const hasIpJson = (() => {
  try {
    execFileSync('ip', ['-j', 'neigh', 'show'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (process.platform === 'linux' && !hasIpJson) console.warn('linux-ip.test: `ip -j neigh show` unavailable here; live test skipped');

describe.skipIf(!hasIpJson)('linuxIpProbe on this machine', () => {
  it('runs as declared and parses every entry into the normalised shape', () => {
    const entries = linuxIpProbe.parse(execFileSync(linuxIpProbe.command, linuxIpProbe.args, { encoding: 'utf8' }));
    for (const entry of entries) {
      expect(entry.ip).not.toBe('');
      expect(entry.mac === '' || canonicalMac(entry.mac) === entry.mac).toBe(true);
      expect(['reachable', 'stale', 'delay', 'probe', 'failed', 'incomplete', 'permanent', 'noarp', 'unknown']).toContain(entry.state);
    }
  });
});
