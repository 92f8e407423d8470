import type { InventoryJson, SoftwareJson } from './json.ts';
import { binarySize, decimalSize } from '../units.ts';

/** One difference between two inventories of a machine. */
export interface InventoryChange {
  section: 'identity' | 'hardware' | 'disks' | 'network' | 'os' | 'software';
  kind: 'added' | 'removed' | 'changed';
  /** What changed: a package name, "memory", "disk /dev/sda (serial S1)", … */
  item: string;
  /** Before and after as people read them; null for what was not there. */
  from: string | null;
  to: string | null;
}

type Fields = Record<string, unknown> | undefined;
const text = (fields: Fields, key: string): string => {
  const value = fields?.[key];
  return value === undefined || value === null ? '' : String(value).trim();
};

/**
 * What changed on a machine between two of its inventories: hardware swapped (memory, CPU,
 * disks, board, serial), interfaces added or removed, the OS upgraded, packages installed,
 * removed or upgraded. Addresses (IPs, neighbours) change all the time and are left out.
 */
export function inventoryChanges(before: InventoryJson, after: InventoryJson): InventoryChange[] {
  const changes: InventoryChange[] = [];
  const compare = (section: InventoryChange['section'], item: string, from: string, to: string) => {
    if (from !== to) changes.push({ section, kind: !from ? 'added' : !to ? 'removed' : 'changed', item, from: from || null, to: to || null });
  };

  compare('identity', 'hostname', before.hostname ?? '', after.hostname ?? '');
  for (const [key, item] of [['manufacturer', 'manufacturer'], ['model', 'model'], ['serial', 'serial'], ['uuid', 'SMBIOS UUID'], ['assetTag', 'asset tag']] as const) {
    compare('identity', item, text(before.system, key), text(after.system, key));
  }
  compare('hardware', 'BIOS', text(before.bios, 'version'), text(after.bios, 'version'));
  compare('hardware', 'board serial', text(before.baseboard, 'serial'), text(after.baseboard, 'serial'));
  compare('hardware', 'CPU', cpu(before), cpu(after));
  compare('hardware', 'memory', memory(before), memory(after));

  keyed(changes, 'disks', before.disks ?? [], after.disks ?? [], diskKey, (d) => [text(d, 'type'), text(d, 'vendor'), text(d, 'model'), size(d)].filter(Boolean).join(' '));
  keyed(changes, 'network', before.networkInterfaces ?? [], after.networkInterfaces ?? [], nicKey, (n) => [text(n, 'type'), text(n, 'mac')].filter(Boolean).join(' '));

  for (const [key, item] of [['distro', 'OS'], ['release', 'OS release'], ['build', 'OS build'], ['kernel', 'kernel']] as const) {
    compare('os', item, text(before.os, key), text(after.os, key));
  }

  keyed(changes, 'software', before.software ?? [], after.software ?? [], packageKey, (p) => p.version ?? '');
  return changes;
}

const cpu = (inventory: InventoryJson) => {
  const brand = text(inventory.cpu, 'brand');
  const cores = Number(inventory.cpu?.cores ?? 0);
  return brand ? `${brand}${cores ? `, ${cores} cores` : ''}` : '';
};
const memory = (inventory: InventoryJson) => (inventory.memory?.totalBytes ? binarySize(inventory.memory.totalBytes) : '');
const size = (disk: Fields) => (Number(disk?.sizeBytes ?? 0) > 0 ? decimalSize(Number(disk!.sizeBytes)) : '');

/** A disk is its device name and serial; an interface its name (a new MAC on it is a change). */
const diskKey = (d: Fields) => `disk ${text(d, 'device')}${text(d, 'serial') ? ` (serial ${text(d, 'serial')})` : ''}`;
const nicKey = (n: Fields) => `interface ${text(n, 'name')}`;
/** Architectures most packages of a machine have: named only when a package has another. */
const USUAL_ARCHES = new Set(['', 'all', 'noarch', 'amd64', 'x86_64', 'arm64', 'aarch64']);
/** The same package from another source or for another architecture is another install: "libc6 (dpkg, i386)". */
const packageKey = (p: SoftwareJson) => `${p.name ?? ''} (${[p.source ?? '', USUAL_ARCHES.has(p.arch ?? '') ? '' : p.arch].filter(Boolean).join(', ') || 'unknown source'})`;

/** Items matched by key: added, removed, or changed in what `describe` says of them. */
function keyed<T>(changes: InventoryChange[], section: InventoryChange['section'], before: T[], after: T[], key: (item: T) => string, describe: (item: T) => string): void {
  const old = new Map(before.map((item) => [key(item), item]));
  const seen = new Set<string>();
  for (const item of after) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    const was = old.get(k);
    if (!was) changes.push({ section, kind: 'added', item: k, from: null, to: describe(item) || null });
    else if (describe(was) !== describe(item)) changes.push({ section, kind: 'changed', item: k, from: describe(was) || null, to: describe(item) || null });
  }
  for (const [k, item] of old) if (!seen.has(k)) changes.push({ section, kind: 'removed', item: k, from: describe(item) || null, to: null });
}
