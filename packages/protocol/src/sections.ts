import type { Inventory } from './frame.ts';

/** The parts of an inventory a delta report sends or leaves out, each with the fields it covers. */
export const INVENTORY_SECTIONS = {
  identity: ['hostname', 'machineId'],
  system: ['system'],
  bios: ['bios'],
  baseboard: ['baseboard'],
  cpu: ['cpu'],
  memory: ['memory'],
  disks: ['disks'],
  network_interfaces: ['networkInterfaces'],
  os: ['os'],
  software: ['software'],
  neighbours: ['neighbours'],
} as const satisfies Record<string, readonly (keyof Inventory)[]>;

export type InventorySection = keyof typeof INVENTORY_SECTIONS;

export const SECTION_NAMES = Object.keys(INVENTORY_SECTIONS) as InventorySection[];

/** The fields of `inventory` that belong to `section`. */
export function sectionOf(inventory: Inventory, section: InventorySection): Partial<Inventory> {
  const part: Record<string, unknown> = {};
  for (const field of INVENTORY_SECTIONS[section]) part[field] = (inventory as Record<string, unknown>)[field];
  return part as Partial<Inventory>;
}

/** Applies a partial inventory to the last full picture: listed sections replace, others stay. */
export function applyInventoryDelta(base: Inventory, delta: Inventory): Inventory {
  const merged: Inventory = { ...base, collectedAtMs: delta.collectedAtMs, partial: false, sections: [] };
  for (const name of delta.sections ?? []) {
    if (!(name in INVENTORY_SECTIONS)) continue;
    Object.assign(merged, sectionOf(delta, name as InventorySection));
  }
  return merged;
}
