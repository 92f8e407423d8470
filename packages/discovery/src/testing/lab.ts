import ipaddr from 'ipaddr.js';
import { macIndex, Snmprec } from './snmprec.ts';

// A small lab the tests know by heart: an access switch and a router, as snmpsim walks.
// Every value a test expects to find is written here, once.

export const SWITCH = {
  community: 'lab-switch',
  sysName: 'sw-3',
  sysObjectId: '1.3.6.1.4.1.9.1.1208', // Cisco
  sysDescr: 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8',
  sysLocation: 'HQ floor 2 IDF',
  sysContact: 'netops@example.test',
  upTimeTicks: 8_640_000, // one day
  chassis: { serial: 'FOC2231X0AB', model: 'WS-C2960X-48FPD-L', manufacturer: 'Cisco Systems, Inc.', firmware: '15.2(7)E8', hardwareRev: 'V05' },
  ownMac: '00:1b:2b:aa:bb:00',
  /** dot1dBaseBridgeAddress: the bridge's MAC, not on any interface. */
  bridgeMac: '00:1b:2b:aa:bb:ff',
  /** Bridge port n is Gi1/0/n, ifIndex 10000 + n, MAC 00:1b:2b:aa:bb:<n>. */
  ports: [1, 2, 3, 4, 5, 6, 7, 8, 12, 48],
  alias: { port: 12, text: 'desk 2.14' },
  /** MACs learned on ports; the ones the tests look for. */
  learned: [
    { mac: 'b8:27:eb:12:34:56', port: 12, vlan: 10 }, // a Raspberry Pi nobody registered
    { mac: '00:1b:21:0a:0b:0c', port: 3, vlan: 20 }, // a registered laptop
    { mac: '3c:2a:f4:11:22:33', port: 5, vlan: 20 }, // a printer
    { mac: '02:11:22:33:44:55', port: 7, vlan: 20 }, // a phone with a randomised MAC
    { mac: '64:d1:54:9a:bc:de', port: 48, vlan: 1 }, // the router, through the uplink
  ],
  /** In the table but no sighting of another device: the switch's own MACs (status self). */
  ignored: [
    { mac: '00:1b:2b:aa:bb:00', port: 1, status: 4 },
    { mac: '00:1b:2b:aa:bb:ff', port: 1, status: 4 },
  ],
  lldp: { localPort: 48, chassisMac: '64:d1:54:9a:bc:de', portId: 'ether1', portDescr: 'ether1 - to sw-3', sysName: 'rt-1', sysDescr: 'RouterOS RB4011iGS+' },
} as const;

export const ROUTER = {
  community: 'lab-router',
  sysName: 'rt-1',
  sysObjectId: '1.3.6.1.4.1.14988.1', // MikroTik
  sysDescr: 'RouterOS RB4011iGS+',
  interfaces: [
    { index: 1, name: 'ether1', mac: '64:d1:54:9a:bc:de' },
    { index: 2, name: 'ether2', mac: '64:d1:54:9a:bc:df' },
  ],
  /** ipNetToMediaTable (ifIndex 1) and ipNetToPhysicalTable (ifIndex 2) entries. */
  arp: [
    { ip: '10.20.0.50', mac: 'b8:27:eb:12:34:56', ifIndex: 1 },
    { ip: '10.20.0.21', mac: '00:1b:21:0a:0b:0c', ifIndex: 1 },
    { ip: '10.20.0.30', mac: '3c:2a:f4:11:22:33', ifIndex: 1 },
  ],
  arpInvalid: { ip: '10.20.0.99', mac: 'de:ad:be:ef:00:01' },
  arpV6: [
    { ip: '10.30.0.5', mac: '00:50:56:01:02:03', ifIndex: 2 },
    { ip: 'fe80::250:56ff:fe01:203', mac: '00:50:56:01:02:03', ifIndex: 2 },
  ],
} as const;

const SYS = '1.3.6.1.2.1.1';
const IF = '1.3.6.1.2.1.2.2.1';
const IFX = '1.3.6.1.2.1.31.1.1.1';
const ENT = '1.3.6.1.2.1.47.1.1.1.1';
const BRIDGE = '1.3.6.1.2.1.17';
const LLDP = '1.0.8802.1.1.2.1';

function system(rec: Snmprec, s: { sysDescr: string; sysObjectId: string; sysName: string; upTimeTicks?: number; sysContact?: string; sysLocation?: string }) {
  rec.set(`${SYS}.1.0`, { str: s.sysDescr }).set(`${SYS}.2.0`, { oid: s.sysObjectId }).set(`${SYS}.3.0`, { ticks: s.upTimeTicks ?? 4_200 });
  rec.set(`${SYS}.4.0`, { str: s.sysContact ?? '' }).set(`${SYS}.5.0`, { str: s.sysName }).set(`${SYS}.6.0`, { str: s.sysLocation ?? '' });
}

function iface(rec: Snmprec, index: number, name: string, mac: string, type = 6, up = true) {
  rec.set(`${IF}.1.${index}`, { int: index }).set(`${IF}.2.${index}`, { str: name }).set(`${IF}.3.${index}`, { int: type });
  rec.set(`${IF}.6.${index}`, { hex: mac }).set(`${IF}.8.${index}`, { int: up ? 1 : 2 }).set(`${IFX}.1.${index}`, { str: name });
}

/**
 * The switch's walk. `extraFdbRows` adds that many learned MACs on port 1 (for benchmarks);
 * `qBridge: false` leaves out the Q-BRIDGE table, as older switches do.
 */
export function switchSnmprec({ extraFdbRows = 0, qBridge = true }: { extraFdbRows?: number; qBridge?: boolean } = {}): string {
  const rec = new Snmprec();
  system(rec, SWITCH);
  const c = SWITCH.chassis;
  const entity = (index: number, cls: number, containedIn: number, serial: string, model: string, descr: string) => {
    rec.set(`${ENT}.2.${index}`, { str: descr }).set(`${ENT}.4.${index}`, { int: containedIn }).set(`${ENT}.5.${index}`, { int: cls });
    rec.set(`${ENT}.11.${index}`, { str: serial }).set(`${ENT}.13.${index}`, { str: model }).set(`${ENT}.12.${index}`, { str: c.manufacturer });
  };
  entity(1, 3, 0, c.serial, c.model, 'Cisco Catalyst 2960-X chassis');
  rec.set(`${ENT}.8.1`, { str: c.hardwareRev }).set(`${ENT}.10.1`, { str: c.firmware });
  entity(1010, 9, 1, 'FOC2231Y1CD', 'C2960X-STACK', 'Stacking module'); // a module: not the chassis
  entity(2000, 6, 1, 'LIT2231Z2EF', 'PWR-C2-640WAC', 'Power supply'); // nor is a power supply

  iface(rec, 1, 'Vl1', SWITCH.ownMac, 53);
  for (const port of SWITCH.ports) {
    iface(rec, 10_000 + port, `Gi1/0/${port}`, `00:1b:2b:aa:bb:${port.toString(16).padStart(2, '0')}`, 6, port !== 8);
    rec.set(`${BRIDGE}.1.4.1.2.${port}`, { int: 10_000 + port });
  }
  rec.set(`${IFX}.18.${10_000 + SWITCH.alias.port}`, { str: SWITCH.alias.text });

  for (const { mac, port, vlan } of SWITCH.learned) {
    rec.set(`${BRIDGE}.4.3.1.2.${macIndex(mac)}`, { int: port }).set(`${BRIDGE}.4.3.1.3.${macIndex(mac)}`, { int: 3 });
    if (qBridge) rec.set(`${BRIDGE}.7.1.2.2.1.2.${vlan}.${macIndex(mac)}`, { int: port }).set(`${BRIDGE}.7.1.2.2.1.3.${vlan}.${macIndex(mac)}`, { int: 3 });
  }
  rec.set(`${BRIDGE}.1.1.0`, { hex: SWITCH.bridgeMac });
  for (const { mac, port, status } of SWITCH.ignored) {
    rec.set(`${BRIDGE}.4.3.1.2.${macIndex(mac)}`, { int: port }).set(`${BRIDGE}.4.3.1.3.${macIndex(mac)}`, { int: status });
    if (qBridge) rec.set(`${BRIDGE}.7.1.2.2.1.2.1.${macIndex(mac)}`, { int: port }).set(`${BRIDGE}.7.1.2.2.1.3.1.${macIndex(mac)}`, { int: status });
  }
  for (let i = 0; i < extraFdbRows; i++) {
    const mac = `0a:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
    if (qBridge) rec.set(`${BRIDGE}.7.1.2.2.1.2.1.${macIndex(mac)}`, { int: 1 }).set(`${BRIDGE}.7.1.2.2.1.3.1.${macIndex(mac)}`, { int: 3 });
    else rec.set(`${BRIDGE}.4.3.1.2.${macIndex(mac)}`, { int: 1 }).set(`${BRIDGE}.4.3.1.3.${macIndex(mac)}`, { int: 3 });
  }

  const l = SWITCH.lldp;
  rec.set(`${LLDP}.3.7.1.3.${l.localPort}`, { str: `Gi1/0/${l.localPort}` }).set(`${LLDP}.3.7.1.4.${l.localPort}`, { str: `GigabitEthernet1/0/${l.localPort}` });
  const rem = `0.${l.localPort}.1`;
  rec.set(`${LLDP}.4.1.1.4.${rem}`, { int: 4 }).set(`${LLDP}.4.1.1.5.${rem}`, { hex: l.chassisMac });
  rec.set(`${LLDP}.4.1.1.6.${rem}`, { int: 5 }).set(`${LLDP}.4.1.1.7.${rem}`, { str: l.portId }).set(`${LLDP}.4.1.1.8.${rem}`, { str: l.portDescr });
  rec.set(`${LLDP}.4.1.1.9.${rem}`, { str: l.sysName }).set(`${LLDP}.4.1.1.10.${rem}`, { str: l.sysDescr });
  return rec.toString();
}

/** The router's walk: no ENTITY-MIB, two interfaces, both ARP tables. */
export function routerSnmprec(): string {
  const rec = new Snmprec();
  system(rec, ROUTER);
  for (const i of ROUTER.interfaces) iface(rec, i.index, i.name, i.mac);
  const media = (ifIndex: number, ip: string, mac: string, type: number) =>
    rec.set(`1.3.6.1.2.1.4.22.1.2.${ifIndex}.${ip}`, { hex: mac }).set(`1.3.6.1.2.1.4.22.1.4.${ifIndex}.${ip}`, { int: type });
  for (const a of ROUTER.arp) media(a.ifIndex, a.ip, a.mac, 3);
  media(1, ROUTER.arpInvalid.ip, ROUTER.arpInvalid.mac, 2);
  for (const a of ROUTER.arpV6) {
    const bytes = ipaddr.parse(a.ip).toByteArray();
    const index = `${a.ifIndex}.${bytes.length === 16 ? 2 : 1}.${bytes.length}.${bytes.join('.')}`;
    rec.set(`1.3.6.1.2.1.4.35.1.4.${index}`, { hex: a.mac }).set(`1.3.6.1.2.1.4.35.1.6.${index}`, { int: 3 });
  }
  return rec.toString();
}
