import type { Inventory } from './frame.ts';

/** The MACs an inventory identifies its machine by: every interface's, de-duplicated, sorted, no all-zero one. */
export function inventoryMacs(inventory: Inventory): string[] {
  const macs = (inventory.networkInterfaces ?? [])
    .map((nic) => nic.mac ?? '')
    .filter((mac) => mac !== '' && mac !== '00:00:00:00:00:00');
  return [...new Set(macs)].sort();
}
