import { createSocket } from 'node:dgram';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnmpTimeoutError } from './snmp.ts';
import { freeUdpPort, ROUTER, routerSnmprec, startSnmpd, startSnmpsim, SWITCH, switchSnmprec, warnIfMissing, type RunningAgent } from './testing/index.ts';
import { walkDevice } from './walk.ts';

const FAST = { timeoutMs: 300, retries: 0 };

describe.skipIf(!warnIfMissing('snmpsim'))('walking the lab devices (snmpsim)', () => {
  let sim: RunningAgent;
  beforeAll(async () => {
    sim = await startSnmpsim({ [SWITCH.community]: switchSnmprec(), [ROUTER.community]: routerSnmprec() });
  }, 60_000);
  afterAll(() => sim?.stop());

  it('reads the switch: identity, chassis, interfaces, forwarding table and LLDP', async () => {
    const walk = await walkDevice({ host: '127.0.0.1', port: sim.port, community: SWITCH.community });
    expect(walk.problems).toEqual([]);
    expect(walk.system).toEqual({
      descr: SWITCH.sysDescr,
      objectId: SWITCH.sysObjectId,
      vendor: 'Cisco',
      upTimeSeconds: 86_400,
      contact: SWITCH.sysContact,
      name: SWITCH.sysName,
      location: SWITCH.sysLocation,
    });
    expect(walk.chassis).toEqual({ ...SWITCH.chassis, descr: 'Cisco Catalyst 2960-X chassis' }); // not the module's or PSU's serial
    expect(walk.interfaces).toHaveLength(SWITCH.ports.length + 1);
    expect(walk.interfaces[0]).toEqual({ index: 1, name: 'Vl1', descr: 'Vl1', type: 53, mac: SWITCH.ownMac, up: true, alias: null });
    expect(walk.interfaces.find((i) => i.name === 'Gi1/0/12')).toMatchObject({ index: 10_012, mac: '00:1b:2b:aa:bb:0c', alias: 'desk 2.14', up: true });
    expect(walk.interfaces.find((i) => i.name === 'Gi1/0/8')?.up).toBe(false);

    // Every learned MAC once per port, with its VLAN from Q-BRIDGE; self and invalid rows left out.
    const fdb = walk.fdb.map((e) => ({ mac: e.mac, port: e.bridgePort, ifIndex: e.ifIndex, vlan: e.vlan })).sort((a, b) => a.mac.localeCompare(b.mac));
    const expected = SWITCH.learned.map((l) => ({ mac: l.mac, port: l.port, ifIndex: 10_000 + l.port, vlan: l.vlan })).sort((a, b) => a.mac.localeCompare(b.mac));
    expect(fdb).toEqual(expected);

    expect(walk.lldp).toEqual([
      {
        localPort: 48,
        localPortName: 'GigabitEthernet1/0/48',
        chassisId: SWITCH.lldp.chassisMac,
        chassisMac: SWITCH.lldp.chassisMac,
        portId: SWITCH.lldp.portId,
        portDescr: SWITCH.lldp.portDescr,
        sysName: SWITCH.lldp.sysName,
        sysDescr: SWITCH.lldp.sysDescr,
      },
    ]);
    expect(walk.arp).toEqual([]);
  });

  it('reads the router: no ENTITY-MIB, both ARP tables, IPv6 neighbours, invalid entries skipped', async () => {
    const walk = await walkDevice({ host: '127.0.0.1', port: sim.port, community: ROUTER.community });
    expect(walk.system).toMatchObject({ name: 'rt-1', vendor: 'MikroTik', upTimeSeconds: 42 });
    expect(walk.chassis).toBeNull();
    expect(walk.interfaces.map((i) => [i.name, i.mac])).toEqual(ROUTER.interfaces.map((i) => [i.name, i.mac]));
    expect(walk.arp.sort((a, b) => a.ip.localeCompare(b.ip))).toEqual([...ROUTER.arp, ...ROUTER.arpV6].sort((a, b) => a.ip.localeCompare(b.ip)));
    expect(walk.fdb).toEqual([]);
  });

  it('falls back to the plain BRIDGE-MIB table on switches without Q-BRIDGE (no VLANs then)', async () => {
    const old = await startSnmpsim({ old: switchSnmprec({ qBridge: false }) });
    try {
      const walk = await walkDevice({ host: '127.0.0.1', port: old.port, community: 'old' });
      const expected = SWITCH.learned.map((l) => ({ mac: l.mac, bridgePort: l.port, ifIndex: 10_000 + l.port, vlan: null }));
      expect(walk.fdb.sort((a, b) => a.mac.localeCompare(b.mac))).toEqual(expected.sort((a, b) => a.mac.localeCompare(b.mac)));
    } finally {
      await old.stop();
    }
  });

  it('walks with GetNext over SNMP v1 as well', async () => {
    const walk = await walkDevice({ host: '127.0.0.1', port: sim.port, community: ROUTER.community, version: '1' });
    expect(walk.arp).toHaveLength(ROUTER.arp.length + ROUTER.arpV6.length);
  });

  it('cuts a table at maxRows and says so, keeping the rest of the walk', async () => {
    const walk = await walkDevice({ host: '127.0.0.1', port: sim.port, community: SWITCH.community }, { maxRows: 3, maxRepetitions: 2 });
    expect(walk.problems.some((p) => /qFdbPort .* cut at 3 rows/.test(p))).toBe(true);
    expect(walk.system.name).toBe('sw-3');
  });

  it('times out cleanly on a wrong community', async () => {
    await expect(walkDevice({ host: '127.0.0.1', port: sim.port, community: 'not-the-community' }, FAST)).rejects.toThrow(SnmpTimeoutError);
  });
});

describe('hosts that do not speak SNMP properly', () => {
  it('times out on a port where nothing listens', async () => {
    const port = await freeUdpPort();
    await expect(walkDevice({ host: '127.0.0.1', port, community: 'public' }, FAST)).rejects.toThrow(/did not answer/);
  });

  it('survives a host that answers every request with garbage', async () => {
    const server = createSocket('udp4');
    server.on('message', (_msg, from) => {
      server.send(Buffer.from([0x30, 0x82, 0xff, 0xff, 0x02, 0x01]), from.port, from.address); // truncated BER
      server.send(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), from.port, from.address);
    });
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    try {
      await expect(walkDevice({ host: '127.0.0.1', port: server.address().port, community: 'public' }, FAST)).rejects.toThrow(SnmpTimeoutError);
    } finally {
      server.close();
    }
  });
});

describe.skipIf(!warnIfMissing('snmpd'))('walking this host through net-snmp snmpd', () => {
  let snmpd: RunningAgent;
  beforeAll(async () => {
    snmpd = await startSnmpd('testpub');
  }, 30_000);
  afterAll(() => snmpd?.stop());

  it('reports the host name it was given, net-snmp as vendor, and this host’s own MACs', async () => {
    const walk = await walkDevice({ host: '127.0.0.1', port: snmpd.port, community: 'testpub' });
    expect(walk.system).toMatchObject({ name: 'test-snmpd', location: 'lab-rack-1', vendor: 'net-snmp' });
    // Every interface the kernel has, addressed or not (os.networkInterfaces() lists only addressed ones).
    const ours = new Set(readdirSync('/sys/class/net').map((name) => readFileSync(`/sys/class/net/${name}/address`, 'utf8').trim()).filter((m) => m && m !== '00:00:00:00:00:00'));
    const walked = new Set(walk.interfaces.map((i) => i.mac).filter(Boolean));
    expect(walked).toEqual(ours);
  });

  it('reports this host’s ARP table', async () => {
    const walk = await walkDevice({ host: '127.0.0.1', port: snmpd.port, community: 'testpub' });
    const kernel = readFileSync('/proc/net/arp', 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split(/\s+/))
      .filter(([, , flags, mac]) => flags !== '0x0' && mac !== '00:00:00:00:00:00').map(([ip, , , mac]) => `${ip} ${mac}`);
    const walked = walk.arp.filter((a) => !a.ip.includes(':')).map((a) => `${a.ip} ${a.mac}`);
    expect(walked.sort()).toEqual(kernel.sort());
  });
});
