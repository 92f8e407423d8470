import type { Systeminformation } from 'systeminformation';
import { clean, positive } from './values.ts';

/** A memory module as the inventory reports it (the protocol's MemoryModule, every field set). */
export interface MemoryModuleInfo {
  sizeBytes: number;
  type: string;
  manufacturer: string;
  partNumber: string;
  serial: string;
  clockMhz: number;
}

/**
 * systeminformation's memLayout() never says "unknown": when it cannot read the modules (no DMI
 * data in a container, dmidecode missing or not run as root) it makes up one module of the whole
 * memory, `os.totalmem()`, with no bank, maker, part number or serial (a Raspberry Pi's gets a
 * guessed type and "SoC"). Real modules come from DMI or the OS, whose sizes are what is fitted,
 * never exactly the total the kernel has left to use.
 */
function isMadeUpWholeMemory(layout: Systeminformation.MemLayoutData[], totalBytes: number): boolean {
  if (layout.length !== 1) return false;
  const [only] = layout as [Systeminformation.MemLayoutData];
  return only.size === totalBytes && !clean(only.bank) && !clean(only.manufacturer) && !clean(only.partNum) && !clean(only.serialNum);
}

/**
 * The memory modules really fitted: none when the library only knows the total (the inventory
 * then carries the total and no modules), and no empty slots (size 0, type "Empty").
 */
export function memoryModules(layout: Systeminformation.MemLayoutData[], totalBytes: number): MemoryModuleInfo[] {
  if (isMadeUpWholeMemory(layout, totalBytes)) return [];
  return layout
    .filter((m) => positive(m.size) > 0)
    .map((m) => ({
      sizeBytes: positive(m.size),
      type: clean(m.type),
      manufacturer: clean(m.manufacturer),
      partNumber: clean(m.partNum),
      serial: clean(m.serialNum),
      clockMhz: positive(m.clockSpeed),
    }));
}
