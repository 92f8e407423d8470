import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { darwinArpProbe, parseDarwinArp } from './darwin-arp.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseDarwinArp', () => {
  it('reads macOS `arp -an`: short octets, incomplete, permanent multicast, broadcast, bridge; skips published', () => {
    expect(parseDarwinArp(fixture('arp-an-macos.txt'))).toEqual([
      { ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'en0', state: 'unknown' },
      { ip: '192.0.2.17', mac: '3c:22:fb:4a:5b:6c', interface: 'en0', state: 'unknown' },
      { ip: '192.0.2.23', mac: '', interface: 'en0', state: 'incomplete' },
      { ip: '192.0.2.44', mac: 'b8:27:eb:12:34:56', interface: 'en0', state: 'unknown' },
      { ip: '192.0.2.50', mac: '00:1b:a9:77:08:99', interface: 'en0', state: 'unknown' },
      { ip: '192.0.2.255', mac: 'ff:ff:ff:ff:ff:ff', interface: 'en0', state: 'unknown' },
      { ip: '198.51.100.2', mac: '02:42:c6:33:64:02', interface: 'bridge100', state: 'unknown' },
      { ip: '203.0.113.10', mac: '00:50:56:9a:bc:de', interface: 'en7', state: 'unknown' },
      { ip: '203.0.113.11', mac: '00:50:56:9a:bc:df', interface: 'en7', state: 'permanent' },
      { ip: '224.0.0.251', mac: '01:00:5e:00:00:fb', interface: 'en0', state: 'permanent' },
      { ip: '239.255.255.250', mac: '01:00:5e:7f:ff:fa', interface: 'en0', state: 'permanent' },
    ]);
  });

  it('reads `arp -a` with resolved host names the same way', () => {
    expect(parseDarwinArp(fixture('arp-a-macos-hostnames.txt'))).toEqual([
      { ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'en0', state: 'unknown' },
      { ip: '192.0.2.50', mac: '00:1b:a9:77:08:99', interface: 'en0', state: 'unknown' },
      { ip: '192.0.2.23', mac: '', interface: 'en0', state: 'incomplete' },
      { ip: '224.0.0.251', mac: '01:00:5e:00:00:fb', interface: 'en0', state: 'permanent' },
    ]);
  });

  it('reads the FreeBSD variant with `expires in N seconds` / `expired`', () => {
    expect(parseDarwinArp(fixture('arp-an-freebsd.txt'))).toEqual([
      { ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'em0', state: 'unknown' },
      { ip: '192.0.2.10', mac: '00:0c:29:4f:8e:1a', interface: 'em0', state: 'permanent' },
      { ip: '192.0.2.23', mac: '', interface: 'em0', state: 'incomplete' },
      { ip: '198.51.100.5', mac: '58:9c:fc:00:12:34', interface: 'vlan20', state: 'unknown' },
    ]);
  });

  it('skips odd lines, reads CRLF output the same, returns nothing for no output', () => {
    const odd = [
      'arp: sysctl: Operation not permitted',
      '? (192.0.2.9) -- no entry',
      '? (not-an-ip) at 3c:a6:2f:12:34:56 on en0 [ethernet]',
      '? (192.0.2.8) at 3c:a6:2f:12:34:56 [ethernet]',
    ].join('\n');
    expect(parseDarwinArp(odd)).toEqual([{ ip: '192.0.2.8', mac: '3c:a6:2f:12:34:56', interface: '', state: 'unknown' }]);
    const macos = fixture('arp-an-macos.txt');
    expect(parseDarwinArp(macos.replace(/\n/g, '\r\n'))).toEqual(parseDarwinArp(macos));
    expect(parseDarwinArp('')).toEqual([]);
  });

  it('is declared for macOS `arp -an`', () => {
    expect(darwinArpProbe).toMatchObject({ platforms: ['darwin'], command: 'arp', args: ['-an'] });
  });
});
