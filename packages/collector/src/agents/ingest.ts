import type { Observation } from '@rollcall/core';
import { inventoryToObject, type Inventory } from '@rollcall/protocol';
import type { DeviceFields, Store } from '../store/store.ts';

/** The device summary an inventory implies (as reported; normalisation happens at reconcile). */
export function deviceFields(inventory: Inventory): DeviceFields {
  const macs = (inventory.networkInterfaces ?? [])
    .map((nic) => nic.mac ?? '')
    .filter((mac) => mac !== '' && mac !== '00:00:00:00:00:00');
  const os = inventory.os ?? {};
  return {
    hostname: inventory.hostname ?? '',
    serial: inventory.system?.serial ?? '',
    smbiosUuid: inventory.system?.uuid ?? '',
    machineId: inventory.machineId ?? '',
    macs: [...new Set(macs)].sort(),
    manufacturer: inventory.system?.manufacturer ?? '',
    model: inventory.system?.model ?? '',
    os: [os.distro, os.release].filter(Boolean).join(' '),
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

export async function ingestInventory(
  store: Store,
  frame: { agentId: string; seq: number; inventory: Inventory; frameBytes: number; receivedAt: Date },
) {
  const { inventory } = frame;
  const collectedAtMs = Number(inventory.collectedAtMs ?? 0);
  return store.recordInventory({
    agentId: frame.agentId,
    seq: frame.seq,
    full: inventory.full ?? true,
    device: deviceFields(inventory),
    collectedAt: collectedAtMs > 0 ? new Date(collectedAtMs) : null,
    receivedAt: frame.receivedAt,
    frameBytes: frame.frameBytes,
    snapshot: inventoryToObject(inventory),
    observation: inventoryObservation(frame.agentId, inventory, frame.receivedAt),
  });
}
