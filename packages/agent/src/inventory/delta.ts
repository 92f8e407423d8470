import { createHash } from 'node:crypto';
import { SECTION_NAMES, sectionOf, type Inventory, type InventorySection } from '@rollcall/protocol';

/** What the collector last committed, as the agent remembers it. */
export interface DeltaBase {
  /** sha256 per section of the last committed inventory. */
  hashes: Partial<Record<InventorySection, string>>;
  /** Sequence number of that inventory: if the collector's last committed seq is lower, it lost it. */
  seq: number;
  /** Partial reports sent since the last full one. */
  sinceFull: number;
}

export function hashSections(inventory: Inventory): Record<InventorySection, string> {
  const hashes = {} as Record<InventorySection, string>;
  for (const name of SECTION_NAMES) {
    hashes[name] = createHash('sha256').update(JSON.stringify(sectionOf(inventory, name))).digest('base64url');
  }
  return hashes;
}

/**
 * A full report when there is no base or every `fullEvery`-th time (to heal any drift), else only
 * the sections whose hash changed since the last committed report.
 */
export function planInventoryReport(inventory: Inventory, base: DeltaBase | undefined, fullEvery: number) {
  const hashes = hashSections(inventory);
  if (!base || base.sinceFull + 1 >= fullEvery) return { report: { ...inventory, partial: false, sections: [] }, hashes, full: true };
  const changed = SECTION_NAMES.filter((name) => base.hashes[name] !== hashes[name]);
  const report: Inventory = { collectedAtMs: inventory.collectedAtMs, partial: true, sections: changed };
  for (const name of changed) Object.assign(report, sectionOf(inventory, name));
  return { report, hashes, full: false };
}
