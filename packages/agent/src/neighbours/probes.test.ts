import { describe, expect, it } from 'vitest';
import { NEIGHBOUR_PROBES } from './probes.ts';

describe('NEIGHBOUR_PROBES', () => {
  it('lists each source once, ip before its /proc/net/arp fallback', () => {
    expect(NEIGHBOUR_PROBES.map((probe) => [probe.name, probe.platforms])).toEqual([
      ['ip-neigh', ['linux']],
      ['proc-net-arp', ['linux']],
      ['arp', ['darwin']],
      ['get-netneighbor', ['win32']],
    ]);
  });
});
