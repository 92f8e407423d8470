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
  });
}
