import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { addressesByInterface } from './addresses.ts';

const v4 = (address: string, mac = '3c:9c:0f:12:34:56'): NetworkInterfaceInfo => ({ address, netmask: '255.255.255.0', family: 'IPv4', mac, internal: false, cidr: `${address}/24` });
const v6 = (address: string, scopeid = 0, mac = '3c:9c:0f:12:34:56'): NetworkInterfaceInfo => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac, internal: false, cidr: `${address}/64`, scopeid });

describe('addressesByInterface', () => {
  it('keeps every address of an interface, in the order the OS lists them: aliases, several prefixes, link-local', () => {
    // os.networkInterfaces() of a laptop with a secondary IPv4, SLAAC and temporary IPv6 addresses.
    const interfaces = {
      lo: [
        { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' },
        { address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 'IPv6', mac: '00:00:00:00:00:00', internal: true, cidr: '::1/128', scopeid: 0 },
      ] as NetworkInterfaceInfo[],
      wlp0s20f3: [
        v4('10.0.0.23'),
        v4('10.0.0.99'),
        v6('2001:db8:1:2:3e9c:fff:fe12:3456'),
        v6('2001:db8:1:2:a1b2:c3d4:e5f6:789'),
        v6('fd00::23'),
        v6('fe80::3e9c:fff:fe12:3456', 3),
      ],
      docker0: [v4('172.17.0.1', '02:42:ac:11:00:01')],
    };
    expect(Object.fromEntries(addressesByInterface(interfaces))).toEqual({
      lo: { ipv4: ['127.0.0.1'], ipv6: ['::1'] },
      wlp0s20f3: {
        ipv4: ['10.0.0.23', '10.0.0.99'],
        ipv6: ['2001:db8:1:2:3e9c:fff:fe12:3456', '2001:db8:1:2:a1b2:c3d4:e5f6:789', 'fd00::23', 'fe80::3e9c:fff:fe12:3456'],
      },
      docker0: { ipv4: ['172.17.0.1'], ipv6: [] },
    });
  });

  it('reads the numeric families of Node 18.0–18.3', () => {
    const old = { eth0: [{ ...v4('192.0.2.2'), family: 4 }, { ...v6('fd00::2'), family: 6 }] as unknown as NetworkInterfaceInfo[] };
    expect(addressesByInterface(old).get('eth0')).toEqual({ ipv4: ['192.0.2.2'], ipv6: ['fd00::2'] });
  });
});
