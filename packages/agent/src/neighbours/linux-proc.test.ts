import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { canonicalMac } from '@rollcall/protocol';
import { describe, expect, it } from 'vitest';
import { linuxProcProbe, parseProcNetArp } from './linux-proc.ts';

const fixture = readFileSync(new URL('./fixtures/proc-net-arp.txt', import.meta.url), 'utf8');

describe('parseProcNetArp', () => {
  it('reads complete, incomplete, permanent, multicast and broadcast entries; skips header and proxy ARP', () => {
    expect(parseProcNetArp(fixture)).toEqual([
      { ip: '192.0.2.44', mac: 'b8:27:eb:12:34:56', interface: 'wlp0s20f3', state: 'reachable' },
      { ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'wlp0s20f3', state: 'reachable' },
      { ip: '198.51.100.2', mac: '02:42:c6:33:64:02', interface: 'docker0', state: 'reachable' },
      { ip: '192.0.2.99', mac: '', interface: 'wlp0s20f3', state: 'incomplete' },
      { ip: '203.0.113.10', mac: '00:50:56:9a:bc:de', interface: 'enp0s31f6', state: 'permanent' },
      { ip: '224.0.0.251', mac: '01:00:5e:00:00:fb', interface: 'wlp0s20f3', state: 'reachable' },
      { ip: '192.0.2.17', mac: '3c:22:fb:4a:5b:6c', interface: 'wlp0s20f3', state: 'reachable' },
      { ip: '192.0.2.120', mac: '', interface: 'wlp0s20f3', state: 'incomplete' },
      { ip: '192.0.2.255', mac: 'ff:ff:ff:ff:ff:ff', interface: 'wlp0s20f3', state: 'reachable' },
    ]);
  });

  it('skips truncated and garbled lines; returns nothing for a header-only table or no output', () => {
    const odd = [
      '192.0.2.5        0x1         0x2         3c:a6:2f:12:34:57     *',
      '192.0.2.6        0x1         zz          3c:a6:2f:12:34:58     *        eth0',
      'not-an-ip        0x1         0x2         3c:a6:2f:12:34:59     *        eth0',
      '192.0.2.7        0x1         0x4         00:50:56:9a:bc:e0     *        eth0',
    ].join('\n');
    expect(parseProcNetArp(odd)).toEqual([{ ip: '192.0.2.7', mac: '00:50:56:9a:bc:e0', interface: 'eth0', state: 'permanent' }]);
    expect(parseProcNetArp(fixture.split('\n')[0] + '\n')).toEqual([]);
    expect(parseProcNetArp('')).toEqual([]);
  });
});

describe.skipIf(!existsSync('/proc/net/arp'))('linuxProcProbe on this machine', () => {
  it('runs as declared and parses every entry into the normalised shape', () => {
    const stdout = execFileSync(linuxProcProbe.command, linuxProcProbe.args, { encoding: 'utf8' });
    const entries = linuxProcProbe.parse(stdout);
    // Every row but proxy ARP ones (flag 0x8) comes out, in order.
    const rows = stdout.split('\n').slice(1).map((line) => line.trim().split(/\s+/));
    const neighbourRows = rows.filter(([ip, , flags]) => ip && flags && !(Number.parseInt(flags, 16) & 0x8));
    expect(entries.map((entry) => entry.ip)).toEqual(neighbourRows.map(([ip]) => ip));
    for (const entry of entries) {
      expect(entry.ip).not.toBe('');
      expect(entry.mac === '' || canonicalMac(entry.mac) === entry.mac).toBe(true);
      expect(['reachable', 'incomplete', 'permanent']).toContain(entry.state);
    }
  });
});
