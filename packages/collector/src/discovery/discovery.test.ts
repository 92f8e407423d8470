import type { DeviceWalk } from '@rollcall/discovery';
import { describe, expect, it } from 'vitest';
import { diffWalks } from './changes.ts';
import { walkObservations } from './observations.ts';

const AT = new Date('2026-11-20T02:30:00Z');

/** A small switch walk: two access ports, an uplink with an LLDP neighbour behind it. */
function walk(fdb: DeviceWalk['fdb'], lldp: DeviceWalk['lldp'] = [{ localPort: 48, localPortName: 'Gi1/0/48', chassisId: '64:d1:54:9a:bc:de', chassisMac: '64:d1:54:9a:bc:de', portId: 'ether1', portDescr: null, sysName: 'rt-1', sysDescr: null }]): DeviceWalk {
  return {
    address: '10.0.0.2',
    walkedAtMs: AT.getTime(),
    system: { descr: 'switch', objectId: '1.3.6.1.4.1.9.1.1208', vendor: 'Cisco', upTimeSeconds: 1, contact: null, name: 'sw-3', location: 'IDF 2' },
    chassis: { serial: 'FOC2231X0AB', model: 'WS-C2960X', manufacturer: 'Cisco Systems, Inc.', firmware: '15.2', hardwareRev: null, descr: null },
    interfaces: [
      { index: 10_005, name: 'Gi1/0/5', descr: null, type: 6, mac: '00:1b:2b:aa:bb:05', up: true, alias: null },
      { index: 10_012, name: 'Gi1/0/12', descr: null, type: 6, mac: '00:1b:2b:aa:bb:0c', up: true, alias: null },
      { index: 10_048, name: 'Gi1/0/48', descr: null, type: 6, mac: '00:1b:2b:aa:bb:30', up: true, alias: null },
    ],
    arp: [{ ip: '10.0.0.50', mac: 'b8:27:eb:12:34:56', ifIndex: 1 }],
    fdb,
    lldp,
    problems: [],
  };
}
const pi = (port: number) => ({ mac: 'b8:27:eb:12:34:56', bridgePort: port, ifIndex: 10_000 + port, vlan: 10 });
const router = { mac: '64:d1:54:9a:bc:de', bridgePort: 48, ifIndex: 10_048, vlan: 1 };
const own = { mac: '00:1b:2b:aa:bb:05', bridgePort: 5, ifIndex: 10_005, vlan: 1 };

describe('walkObservations', () => {
  const observations = walkObservations(walk([pi(12), router, own]), AT);

  it('reports the device itself with its chassis serial, interface MACs and address', () => {
    expect(observations[0]).toMatchObject({
      source: 'snmp:sw-3',
      hostname: 'sw-3',
      serial: 'FOC2231X0AB',
      macs: ['00:1b:2b:aa:bb:05', '00:1b:2b:aa:bb:0c', '00:1b:2b:aa:bb:30'],
      ips: ['10.0.0.2'],
      vendor: 'Cisco Systems, Inc.',
      model: 'WS-C2960X',
    });
  });

  it('merges what ARP and the forwarding table say of one MAC, with its access port', () => {
    expect(observations.find((o) => o.macs[0] === 'b8:27:eb:12:34:56')).toMatchObject({
      ips: ['10.0.0.50'],
      vendor: 'Raspberry Pi Foundation',
      switchPort: 'sw-3 Gi1/0/12 (VLAN 10)',
      extra: { via: ['arp', 'fdb'] },
    });
  });

  it('gives no port to MACs behind an uplink, and no sighting to the switch’s own MACs', () => {
    expect(observations.filter((o) => o.macs[0] === '64:d1:54:9a:bc:de').map((o) => o.switchPort ?? null)).toEqual([null, null]); // FDB + LLDP
    expect(observations.filter((o) => o.macs.length === 1 && o.macs[0] === '00:1b:2b:aa:bb:05')).toEqual([]);
  });

  it('reports LLDP neighbours by name', () => {
    expect(observations.find((o) => o.hostname === 'rt-1')).toMatchObject({ macs: ['64:d1:54:9a:bc:de'], extra: { via: ['lldp'], localPort: 'Gi1/0/48' } });
  });
});

describe('diffWalks', () => {
  it('has nothing to say on a first walk or an unchanged one', () => {
    expect(diffWalks(undefined, walk([pi(12)]))).toEqual([]);
    expect(diffWalks(walk([pi(12)]), walk([pi(12)]))).toEqual([]);
  });

  it('says which MACs appeared, moved port and went away', () => {
    const changes = diffWalks(walk([pi(12), router]), walk([pi(5), { ...own, mac: '3c:2a:f4:11:22:33' }]));
    expect(changes).toEqual([
      { kind: 'mac-moved', mac: 'b8:27:eb:12:34:56', detail: 'b8:27:eb:12:34:56 moved from Gi1/0/12 to Gi1/0/5' },
      { kind: 'mac-appeared', mac: '3c:2a:f4:11:22:33', detail: '3c:2a:f4:11:22:33 appeared on Gi1/0/5' },
      { kind: 'mac-gone', mac: '64:d1:54:9a:bc:de', detail: '64:d1:54:9a:bc:de no longer seen (was on Gi1/0/48)' },
    ]);
  });

  it('notices LLDP neighbours coming and going', () => {
    expect(diffWalks(walk([], []), walk([]))).toEqual([{ kind: 'neighbour-appeared', mac: '64:d1:54:9a:bc:de', detail: 'LLDP neighbour rt-1 on Gi1/0/48 appeared' }]);
    expect(diffWalks(walk([]), walk([], []))).toEqual([{ kind: 'neighbour-gone', mac: '64:d1:54:9a:bc:de', detail: 'LLDP neighbour rt-1 on Gi1/0/48 gone' }]);
  });
});
