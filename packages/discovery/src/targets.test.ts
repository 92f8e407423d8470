import { describe, expect, it } from 'vitest';
import { expandTargets, TargetError } from './targets.ts';

const t = (range: string, communities = ['public']) => ({ range, communities });

describe('expandTargets', () => {
  it('lists the hosts of a range without its network and broadcast addresses', () => {
    const hosts = expandTargets([t('10.1.0.0/24')]).map((a) => a.host);
    expect(hosts).toHaveLength(254);
    expect(hosts[0]).toBe('10.1.0.1');
    expect(hosts.at(-1)).toBe('10.1.0.254');
  });

  it('keeps both addresses of a /31 and the one of a /32, and normalises a range not on its boundary', () => {
    expect(expandTargets([t('10.0.0.4/31')]).map((a) => a.host)).toEqual(['10.0.0.4', '10.0.0.5']);
    expect(expandTargets([t('192.168.1.7/32')]).map((a) => a.host)).toEqual(['192.168.1.7']);
    expect(expandTargets([t('192.168.1.77/30')]).map((a) => a.host)).toEqual(['192.168.1.77', '192.168.1.78']);
  });

  it('probes each address once, with the first target that names it', () => {
    const addresses = expandTargets([t('10.0.0.2', ['core']), t('10.0.0.0/29', ['access'])]);
    expect(addresses.map((a) => a.host)).toEqual(['10.0.0.2', '10.0.0.1', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(addresses[0]!.target.communities).toEqual(['core']);
  });

  it('takes single IPv6 addresses and host names', () => {
    expect(expandTargets([t('2001:db8::1'), t('sw-core-1.example.net')]).map((a) => a.host)).toEqual(['2001:db8::1', 'sw-core-1.example.net']);
  });

  it('names what is wrong with a target', () => {
    expect(() => expandTargets([t('10.0.0.0/33')])).toThrow(/"10.0.0.0\/33" is not a valid CIDR range/);
    expect(() => expandTargets([t('10.0.0.0/8')])).toThrow(/16,777,216 addresses, more than the 65,536/);
    expect(() => expandTargets([t('not a host!')])).toThrow(TargetError);
    expect(() => expandTargets([t('2001:db8::/64')])).toThrow(/IPv6 ranges are too large/);
    expect(() => expandTargets([t('10.0.0.1', [])])).toThrow(/no community/);
  });
});
