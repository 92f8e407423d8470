import type { DiscoveryJob, SnmpDevice } from '@rollcall/protocol';
import { withDefaults } from './defaults.ts';
import { DEFAULT_SWEEP_OPTIONS, type SweepOptions } from './sweep.ts';
import type { SweepTarget } from './targets.ts';
import type { DeviceWalk } from './walk.ts';

// Walks and jobs as protobuf messages, for agents that sweep on the collector's behalf.
// Protobuf has no null: empty strings and zeros stand for "unknown" on the wire.

const orEmpty = (s: string | null) => s ?? '';
const orNull = (s: string | null | undefined) => (s ? s : null);
const positiveOrNull = (n: number | null | undefined) => (n && n > 0 ? n : null);

export function walkToWire(walk: DeviceWalk): SnmpDevice {
  const s = walk.system;
  return {
    address: walk.address,
    walkedAtMs: walk.walkedAtMs,
    sysDescr: orEmpty(s.descr),
    sysObjectId: orEmpty(s.objectId),
    vendor: orEmpty(s.vendor),
    upTimeSeconds: s.upTimeSeconds ?? -1,
    sysContact: orEmpty(s.contact),
    sysName: orEmpty(s.name),
    sysLocation: orEmpty(s.location),
    chassis: walk.chassis
      ? {
          serial: orEmpty(walk.chassis.serial),
          model: orEmpty(walk.chassis.model),
          manufacturer: orEmpty(walk.chassis.manufacturer),
          firmware: orEmpty(walk.chassis.firmware),
          hardwareRev: orEmpty(walk.chassis.hardwareRev),
          descr: orEmpty(walk.chassis.descr),
        }
      : null,
    interfaces: walk.interfaces.map((i) => ({ index: i.index, name: i.name, descr: orEmpty(i.descr), type: i.type ?? -1, mac: orEmpty(i.mac), up: i.up, alias: orEmpty(i.alias) })),
    arp: walk.arp.map((a) => ({ ip: a.ip, mac: a.mac, ifIndex: a.ifIndex })),
    fdb: walk.fdb.map((f) => ({ mac: f.mac, bridgePort: f.bridgePort, ifIndex: f.ifIndex ?? 0, vlan: f.vlan ?? 0 })),
    lldp: walk.lldp.map((n) => ({
      localPort: n.localPort,
      localPortName: orEmpty(n.localPortName),
      chassisId: orEmpty(n.chassisId),
      chassisMac: orEmpty(n.chassisMac),
      portId: orEmpty(n.portId),
      portDescr: orEmpty(n.portDescr),
      sysName: orEmpty(n.sysName),
      sysDescr: orEmpty(n.sysDescr),
    })),
    problems: walk.problems,
  };
}

export function walkFromWire(device: SnmpDevice): DeviceWalk {
  const c = device.chassis;
  const upTime = Number(device.upTimeSeconds ?? -1);
  return {
    address: device.address ?? '',
    walkedAtMs: Number(device.walkedAtMs ?? 0),
    system: {
      descr: orNull(device.sysDescr),
      objectId: orNull(device.sysObjectId),
      vendor: orNull(device.vendor),
      upTimeSeconds: upTime >= 0 ? upTime : null,
      contact: orNull(device.sysContact),
      name: orNull(device.sysName),
      location: orNull(device.sysLocation),
    },
    chassis: c
      ? { serial: orNull(c.serial), model: orNull(c.model), manufacturer: orNull(c.manufacturer), firmware: orNull(c.firmware), hardwareRev: orNull(c.hardwareRev), descr: orNull(c.descr) }
      : null,
    interfaces: (device.interfaces ?? []).map((i) => ({
      index: i.index ?? 0,
      name: i.name ?? '',
      descr: orNull(i.descr),
      type: (i.type ?? -1) >= 0 ? i.type! : null,
      mac: orNull(i.mac),
      up: Boolean(i.up),
      alias: orNull(i.alias),
    })),
    arp: (device.arp ?? []).map((a) => ({ ip: a.ip ?? '', mac: a.mac ?? '', ifIndex: a.ifIndex ?? 0 })).filter((a) => a.ip && a.mac),
    fdb: (device.fdb ?? []).map((f) => ({ mac: f.mac ?? '', bridgePort: f.bridgePort ?? 0, ifIndex: positiveOrNull(f.ifIndex), vlan: positiveOrNull(f.vlan) })).filter((f) => f.mac),
    lldp: (device.lldp ?? []).map((n) => ({
      localPort: n.localPort ?? 0,
      localPortName: orNull(n.localPortName),
      chassisId: orNull(n.chassisId),
      chassisMac: orNull(n.chassisMac),
      portId: orNull(n.portId),
      portDescr: orNull(n.portDescr),
      sysName: orNull(n.sysName),
      sysDescr: orNull(n.sysDescr),
    })),
    problems: device.problems ?? [],
  };
}

/**
 * A sweep as the collector sends it to an agent. Every option goes out explicitly, defaults
 * filled in: on the wire an unset number is 0, and 0 retries is a real choice.
 */
export function jobToWire(jobId: string, targets: SweepTarget[], given: Pick<SweepOptions, 'timeoutMs' | 'retries' | 'concurrency'>): DiscoveryJob {
  const options = withDefaults(DEFAULT_SWEEP_OPTIONS, given);
  return {
    jobId,
    targets: targets.map((t) => ({ range: t.range, communities: t.communities, port: t.port ?? 0, version: t.version ?? '' })),
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    concurrency: options.concurrency,
  };
}

export function jobFromWire(job: DiscoveryJob): { jobId: string; targets: SweepTarget[]; options: Pick<SweepOptions, 'timeoutMs' | 'retries' | 'concurrency'> } {
  return {
    jobId: job.jobId ?? '',
    targets: (job.targets ?? []).map((t) => ({
      range: t.range ?? '',
      communities: t.communities ?? [],
      ...(t.port ? { port: t.port } : {}),
      ...(t.version === '1' || t.version === '2c' ? { version: t.version } : {}),
    })),
    options: { timeoutMs: job.timeoutMs || undefined, retries: job.retries ?? undefined, concurrency: job.concurrency || undefined },
  };
}
