import { describe, expect, it } from 'vitest';
import { neighbourEntry } from './normalise.ts';

describe('neighbourEntry', () => {
  it('canonicalises the MAC and keeps the rest', () => {
    expect(neighbourEntry({ ip: '192.0.2.50', mac: '0:1b:a9:77:8:99', interface: 'en0', state: 'unknown' })).toEqual({
      ip: '192.0.2.50',
      mac: '00:1b:a9:77:08:99',
      interface: 'en0',
      state: 'unknown',
    });
  });

  it('lower-cases IPv6 and takes the interface from the zone id when none is given', () => {
    expect(neighbourEntry({ ip: 'FE80::3EA6:2FFF:FE12:3456%en0', mac: '3C-A6-2F-12-34-56', interface: '', state: 'stale' })).toEqual({
      ip: 'fe80::3ea6:2fff:fe12:3456',
      mac: '3c:a6:2f:12:34:56',
      interface: 'en0',
      state: 'stale',
    });
    // A known interface wins over the zone (Windows zones are interface indexes).
    expect(neighbourEntry({ ip: 'fe80::1%12', mac: '3c:a6:2f:12:34:56', interface: 'Wi-Fi', state: 'reachable' })?.interface).toBe('Wi-Fi');
  });

  it("makes a missing, all-zero or non-Ethernet MAC '' and the entry incomplete, unless it failed", () => {
    const withMac = (mac: string | null, state: 'reachable' | 'failed' | 'permanent') =>
      neighbourEntry({ ip: '192.0.2.99', mac, interface: 'eth0', state });
    expect(withMac(null, 'reachable')).toEqual({ ip: '192.0.2.99', mac: '', interface: 'eth0', state: 'incomplete' });
    expect(withMac('00:00:00:00:00:00', 'permanent')).toEqual({ ip: '192.0.2.99', mac: '', interface: 'eth0', state: 'incomplete' });
    expect(withMac('198.51.100.7', 'permanent')).toEqual({ ip: '192.0.2.99', mac: '', interface: 'eth0', state: 'incomplete' });
    expect(withMac('', 'failed')).toEqual({ ip: '192.0.2.99', mac: '', interface: 'eth0', state: 'failed' });
  });

  it('rejects anything that is not an IP address', () => {
    for (const ip of ['', 'router.example.net', '192.0.2', '%eth0', 'IP']) {
      expect(neighbourEntry({ ip, mac: '3c:a6:2f:12:34:56', interface: 'eth0', state: 'reachable' })).toBeNull();
    }
  });
});
