import Table from 'cli-table3';
import { inventoryToObject, type Inventory } from '@rollcall/protocol';

const GIB = 1024 ** 3;
// No ANSI colours: output is often piped into files and tickets.
const PLAIN = { style: { head: [], border: [] } };

/** A person-readable summary of an inventory: identity first, then interfaces and disks. */
export function inventoryTable(inventory: Inventory): string {
  const system = inventory.system ?? {};
  const os = inventory.os ?? {};
  const cpu = inventory.cpu ?? {};
  const memory = inventory.memory ?? {};
  const bios = inventory.bios ?? {};
  const facts = new Table(PLAIN);
  const rows: [string, string][] = [
    ['Hostname', inventory.hostname ?? ''],
    ['Machine ID', inventory.machineId ?? ''],
    ['Manufacturer', system.manufacturer ?? ''],
    ['Model', system.model ?? ''],
    ['Serial', system.serial ?? ''],
    ['SMBIOS UUID', system.uuid ?? ''],
    ['Virtual', system.virtual ? `yes${system.virtualHost ? ` (${system.virtualHost})` : ''}` : 'no'],
    ['BIOS', [bios.vendor, bios.version, bios.releaseDate].filter(Boolean).join(' ')],
    ['OS', [os.distro, os.release, os.codename && `(${os.codename})`, os.arch].filter(Boolean).join(' ')],
    ['Kernel', os.kernel ?? ''],
    ['CPU', `${cpu.manufacturer ?? ''} ${cpu.brand ?? ''}, ${cpu.cores ?? 0} logical cores`.trim()],
    ['Memory', `${(Number(memory.totalBytes ?? 0) / GIB).toFixed(1)} GiB`],
  ];
  for (const [key, value] of rows) facts.push({ [key]: value || '—' });

  const nics = new Table({ ...PLAIN, head: ['Interface', 'MAC', 'IPv4', 'IPv6', 'Type', 'Up'] });
  for (const nic of inventory.networkInterfaces ?? []) {
    nics.push([nic.name ?? '', nic.mac || '—', (nic.ipv4 ?? []).join(', '), (nic.ipv6 ?? []).join(', '), nic.type ?? '', nic.up ? 'yes' : 'no']);
  }
  const disks = new Table({ ...PLAIN, head: ['Disk', 'Type', 'Model', 'Serial', 'Size'] });
  for (const disk of inventory.disks ?? []) {
    disks.push([disk.device ?? '', disk.type ?? '', disk.model ?? '', disk.serial || '—', `${(Number(disk.sizeBytes ?? 0) / GIB).toFixed(0)} GiB`]);
  }
  const bySource = new Map<string, number>();
  for (const pkg of inventory.software ?? []) bySource.set(pkg.source ?? '', (bySource.get(pkg.source ?? '') ?? 0) + 1);
  const sources = [...bySource].map(([source, n]) => `${source} ${n}`).join(', ');
  const parts = [facts.toString(), nics.toString()];
  parts.push(inventory.disks?.length ? disks.toString() : `Disks: none found (${os.platform === 'linux' ? 'lsblk and systeminformation list no disk backed by hardware' : 'systeminformation lists none'})`);
  parts.push(`Software: ${inventory.software?.length ?? 0} packages${sources ? ` (${sources})` : ''}; --format json lists them`);
  parts.push(`LAN neighbours: ${inventory.neighbours?.length ?? 0} (ARP/NDP table entries)`);
  return parts.join('\n');
}

export function inventoryJson(inventory: Inventory): string {
  return JSON.stringify(inventoryToObject(inventory), null, 2);
}
