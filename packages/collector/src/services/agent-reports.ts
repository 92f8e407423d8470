import type { Observation } from '@rollcall/core';
import { inventoryMacs, type Inventory, type MetricsBatch } from '@rollcall/protocol';
import { RollcallError } from '../errors.ts';
import type { DeviceFields } from '../store/devices.ts';
import type { MetricsRecord } from '../store/metrics.ts';

// What the collector keeps of an agent's reports: the records the stores write, made from frames.

/** The device summary an inventory implies (as reported; normalisation happens at reconcile). */
export function deviceFields(inventory: Inventory): DeviceFields {
  const os = inventory.os ?? {};
  return {
    hostname: inventory.hostname ?? '',
    serial: inventory.system?.serial ?? '',
    smbiosUuid: inventory.system?.uuid ?? '',
    machineId: inventory.machineId ?? '',
    macs: inventoryMacs(inventory),
    manufacturer: inventory.system?.manufacturer ?? '',
    model: inventory.system?.model ?? '',
    os: [os.distro, os.release].filter(Boolean).join(' '),
    timeZone: os.timeZone ?? '',
  };
}

/** The sighting an agent's inventory amounts to, for reconciliation. */
export function inventoryObservation(agentId: string, inventory: Inventory, seenAt: Date): Observation {
  const fields = deviceFields(inventory);
  const nics = inventory.networkInterfaces ?? [];
  const ips = [...new Set(nics.flatMap((nic) => [...(nic.ipv4 ?? []), ...(nic.ipv6 ?? [])]))];
  return {
    source: `agent:${agentId}`,
    seenAt,
    hostname: fields.hostname || null,
    serial: fields.serial || null,
    uuid: fields.smbiosUuid || null,
    macs: fields.macs,
    ips,
    vendor: fields.manufacturer || null,
    model: fields.model || null,
  };
}

// Entries that name no live device: unresolved or failed lookups.
const DEAD_STATES = new Set(['failed', 'incomplete']);

/**
 * The agent's neighbour table as sightings (`arp:<agentId>`): every device on the agent's LANs,
 * agent or not, so unmanaged devices show up without scanning.
 */
export function neighbourObservations(agentId: string, inventory: Inventory, seenAt: Date): Observation[] {
  const seen = new Set<string>();
  const observations: Observation[] = [];
  for (const n of inventory.neighbours ?? []) {
    const mac = n.mac ?? '';
    const ip = n.ip ?? '';
    if (!mac || DEAD_STATES.has(n.state ?? '') || seen.has(`${mac} ${ip}`)) continue;
    seen.add(`${mac} ${ip}`);
    observations.push({
      source: `arp:${agentId}`,
      seenAt,
      hostname: null,
      serial: null,
      uuid: null,
      macs: [mac],
      ips: ip ? [ip] : [],
      vendor: null,
      model: null,
      extra: { interface: n.interface ?? '', state: n.state ?? '' },
    });
  }
  return observations;
}

type Stat = { min?: number | null; avg?: number | null; max?: number | null } | null | undefined;

function stat(s: Stat) {
  return { min: s?.min ?? 0, avg: s?.avg ?? 0, max: s?.max ?? 0 };
}

/** Largest JavaScript number below 2^63: what a bigint column takes. */
const INT8_MAX = 2 ** 63 - 1024;
/** Latest instant a JavaScript Date holds (and PostgreSQL stores). */
const MAX_MS = 8.64e15;

function inRange(seq: number, what: string, value: number | null | undefined, max: number): number {
  const n = Number(value ?? 0);
  if (!(n >= 0 && n <= max)) throw new RollcallError('BAD_INPUT', `metrics batch ${seq}: ${what} ${String(value)} is out of range`);
  return n;
}

/** PostgreSQL text cannot hold NUL characters. */
function withoutNul<T extends string | string[]>(seq: number, what: string, value: T): T {
  const nul = typeof value === 'string' ? value.includes('\0') : value.some((v) => v.includes('\0'));
  if (nul) throw new RollcallError('BAD_INPUT', `metrics batch ${seq}: ${what} contains a NUL character`);
  return value;
}

/**
 * A MetricsBatch frame as the row the store writes. Throws BAD_INPUT, naming the field, for a
 * value no column can hold, so one bad frame is refused alone instead of failing a whole write.
 */
export function metricsRecord(frame: { agentId: string; seq: number; metrics: MetricsBatch; receivedAt: Date }): MetricsRecord {
  const { seq, metrics: m } = frame;
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RollcallError('BAD_INPUT', `metrics batch seq ${seq} is out of range`);
  const lastInputMs = Number(m.lastInputMs ?? 0);
  const cpu = m.cpuPercent;
  const memory = m.memoryUsedPercent;
  const mounts = [];
  for (const mount of m.mounts ?? []) {
    mounts.push({ mount: withoutNul(seq, 'a mount name', mount.mount ?? ''), sizeBytes: inRange(seq, 'size_bytes', mount.sizeBytes, INT8_MAX), usedPercent: stat(mount.usedPercent) });
  }
  return {
    agentId: frame.agentId,
    seq,
    receivedAt: frame.receivedAt,
    batch: {
      startAt: new Date(inRange(seq, 'start_ms', m.startMs, MAX_MS)),
      endAt: new Date(inRange(seq, 'end_ms', m.endMs, MAX_MS)),
      samples: inRange(seq, 'samples', m.samples, 2 ** 31 - 1),
      cpuMin: cpu ? (cpu.min ?? 0) : null,
      cpuAvg: cpu ? (cpu.avg ?? 0) : null,
      cpuMax: cpu ? (cpu.max ?? 0) : null,
      memoryMin: memory ? (memory.min ?? 0) : null,
      memoryAvg: memory ? (memory.avg ?? 0) : null,
      memoryMax: memory ? (memory.max ?? 0) : null,
      mounts,
      netRxBytes: inRange(seq, 'net_rx_bytes', m.netRxBytes, INT8_MAX),
      netTxBytes: inRange(seq, 'net_tx_bytes', m.netTxBytes, INT8_MAX),
      uptimeSeconds: inRange(seq, 'uptime_seconds', m.uptimeSeconds, INT8_MAX),
      users: withoutNul(seq, 'users', m.users ?? []),
      processes: withoutNul(seq, 'processes', m.processes ?? []),
      lastInputAt: lastInputMs > 0 ? new Date(inRange(seq, 'last_input_ms', lastInputMs, MAX_MS)) : null,
    },
  };
}
