import type { Observation } from '@rollcall/core';
import { applyInventoryDelta, inventoryMacs, inventoryToObject, type Inventory, type MetricsBatch } from '@rollcall/protocol';
import type { DeviceFields, MetricsRecord, Store } from '../store/store.ts';

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

export async function ingestInventory(
  store: Store,
  frame: { agentId: string; seq: number; inventory: Inventory; frameBytes: number; receivedAt: Date },
) {
  // A partial report carries only the sections that changed: apply it to the last full picture,
  // so what is stored (and reconciled) is always complete.
  let inventory = frame.inventory;
  const full = !inventory.partial;
  if (!full) {
    const base = await store.latestSnapshot(frame.agentId);
    if (base) inventory = applyInventoryDelta(base as Inventory, inventory);
  }
  const collectedAtMs = Number(inventory.collectedAtMs ?? 0);
  return store.recordInventory({
    agentId: frame.agentId,
    seq: frame.seq,
    full,
    device: deviceFields(inventory),
    collectedAt: collectedAtMs > 0 ? new Date(collectedAtMs) : null,
    receivedAt: frame.receivedAt,
    frameBytes: frame.frameBytes,
    snapshot: inventoryToObject(inventory),
    observations: [
      inventoryObservation(frame.agentId, inventory, frame.receivedAt),
      ...neighbourObservations(frame.agentId, inventory, frame.receivedAt),
    ],
  });
}

/** A MetricsBatch frame as the row the store writes. */
export function metricsRecord(frame: { agentId: string; seq: number; metrics: MetricsBatch; receivedAt: Date }): MetricsRecord {
  const m = frame.metrics;
  const stat = (s: { min?: number | null; avg?: number | null; max?: number | null } | null | undefined) => ({ min: s?.min ?? 0, avg: s?.avg ?? 0, max: s?.max ?? 0 });
  const cpu = m.cpuPercent ? stat(m.cpuPercent) : null;
  const memory = m.memoryUsedPercent ? stat(m.memoryUsedPercent) : null;
  return {
    agentId: frame.agentId,
    seq: frame.seq,
    receivedAt: frame.receivedAt,
    batch: {
      startAt: new Date(Number(m.startMs ?? 0)),
      endAt: new Date(Number(m.endMs ?? 0)),
      samples: m.samples ?? 0,
      cpuMin: cpu?.min ?? null,
      cpuAvg: cpu?.avg ?? null,
      cpuMax: cpu?.max ?? null,
      memoryMin: memory?.min ?? null,
      memoryAvg: memory?.avg ?? null,
      memoryMax: memory?.max ?? null,
      mounts: (m.mounts ?? []).map((mount) => ({ mount: mount.mount ?? '', sizeBytes: Number(mount.sizeBytes ?? 0), usedPercent: stat(mount.usedPercent) })),
      netRxBytes: Number(m.netRxBytes ?? 0),
      netTxBytes: Number(m.netTxBytes ?? 0),
      uptimeSeconds: Number(m.uptimeSeconds ?? 0),
      users: m.users ?? [],
      processes: m.processes ?? [],
      lastInputAt: Number(m.lastInputMs ?? 0) > 0 ? new Date(Number(m.lastInputMs)) : null,
    },
  };
}
