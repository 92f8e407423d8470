import { csvRows } from '../csv.ts';
import type { DeviceDetail, InventoryJson, SoftwareJson } from '../services/devices.ts';
import { binarySize, decimalSize } from '../units.ts';
import { render, type Column, type OutputFormat } from './output.ts';

type Value = string | number | boolean | string[] | undefined;
type Fields = Record<string, Value>;

/** A field as text: '' for missing, empty or zero values (proto3 sends defaults for unknowns). */
const text = (fields: Fields | undefined, key: string): string => {
  const value = fields?.[key];
  if (value === undefined || value === false || value === 0) return '';
  return Array.isArray(value) ? value.join(' ') : String(value).trim();
};
const num = (fields: Fields | undefined, key: string): number => Number(fields?.[key] ?? 0) || 0;
const joinSome = (parts: string[], separator = ' ') => parts.filter(Boolean).join(separator);

function cpuLine(cpu: Fields | undefined): string {
  const cores = num(cpu, 'physicalCores');
  const threads = num(cpu, 'cores');
  const count = cores && threads && cores !== threads ? `${cores} cores / ${threads} threads` : threads ? `${threads} cores` : '';
  const speed = num(cpu, 'speedGhz');
  return joinSome([joinSome([text(cpu, 'manufacturer'), text(cpu, 'brand')]), count, speed ? `${speed.toFixed(1)} GHz` : '', text(cpu, 'architecture')], ', ');
}

/**
 * Older agents sent systeminformation's stand-in when DMI could not be read: one "module" of
 * exactly the total, with no type, maker, part number or serial. It is not a module.
 */
const isStandInModule = (modules: Fields[], total: number) =>
  modules.length === 1 && num(modules[0], 'sizeBytes') === total && !['type', 'manufacturer', 'partNumber', 'serial'].some((key) => text(modules[0], key));

function memoryLine(memory: InventoryJson['memory']): string {
  const total = memory?.totalBytes ?? 0;
  if (!total) return '';
  const fitted = isStandInModule(memory?.modules ?? [], total) ? [] : (memory?.modules ?? []).filter((m) => num(m, 'sizeBytes') > 0);
  if (fitted.length === 0) return `${binarySize(total)} (total only: the agent could not read the memory modules)`;
  // Modules of one kind are counted together: "2 × 8 GiB DDR4 3200 MHz".
  const kinds = new Map<string, number>();
  for (const m of fitted) {
    const kind = joinSome([binarySize(num(m, 'sizeBytes')), text(m, 'type'), num(m, 'clockMhz') ? `${num(m, 'clockMhz')} MHz` : '']);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const modules = [...kinds].map(([kind, n]) => (n > 1 ? `${n} × ${kind}` : kind)).join(', ');
  return `${binarySize(total)}: ${modules}`;
}

function osLine(os: Fields | undefined): string {
  const name = joinSome([text(os, 'distro'), text(os, 'release'), text(os, 'codename') ? `(${text(os, 'codename')})` : '']);
  return joinSome([name || text(os, 'platform'), text(os, 'build') ? `build ${text(os, 'build')}` : '', text(os, 'kernel') ? `kernel ${text(os, 'kernel')}` : '', text(os, 'arch'), text(os, 'timeZone')], ', ');
}

const diskLine = (disk: Fields) =>
  joinSome([text(disk, 'device'), text(disk, 'type'), text(disk, 'vendor'), text(disk, 'model'), num(disk, 'sizeBytes') ? decimalSize(num(disk, 'sizeBytes')) : '', text(disk, 'serial') ? `serial ${text(disk, 'serial')}` : '']);

function interfaceLine(nic: Fields): string {
  const speed = num(nic, 'speedMbps');
  const state = nic.up ? (speed ? `up, ${speed} Mb/s` : 'up') : 'down';
  return joinSome([text(nic, 'name'), text(nic, 'type'), text(nic, 'mac'), text(nic, 'ipv4'), `(${state})`]);
}

/** "771 packages (dpkg 760, snap 11)". */
function softwareLine(software: SoftwareJson[]): string {
  if (software.length === 0) return 'none reported';
  const bySource = new Map<string, number>();
  for (const p of software) bySource.set(p.source || 'other', (bySource.get(p.source || 'other') ?? 0) + 1);
  const sources = [...bySource].sort((a, b) => b[1] - a[1]).map(([source, n]) => `${source} ${n}`);
  return `${software.length} ${software.length === 1 ? 'package' : 'packages'} (${sources.join(', ')}); listed by --software`;
}

/** The device's facts as label/value lines, in the order people read them. */
function facts({ device, inventory }: DeviceDetail): [string, string][] {
  const system = inventory?.system;
  const machine = joinSome([device.manufacturer, device.model, text(system, 'chassisType') ? `(${text(system, 'chassisType')})` : '']);
  const bios = inventory?.bios;
  const board = inventory?.baseboard;
  const lines: [string, string][] = [
    ['Hostname', device.hostname],
    ['Machine', machine + (system?.virtual ? `, virtual${text(system, 'virtualHost') ? ` on ${text(system, 'virtualHost')}` : ''}` : '')],
    ['Serial', device.serial],
    ['Asset tag', text(system, 'assetTag') || text(board, 'assetTag')],
    ['SMBIOS UUID', device.smbiosUuid],
    ['BIOS', joinSome([text(bios, 'vendor'), text(bios, 'version'), text(bios, 'releaseDate') ? `(${text(bios, 'releaseDate')})` : ''])],
    ['Board', joinSome([text(board, 'manufacturer'), text(board, 'model'), text(board, 'serial') ? `serial ${text(board, 'serial')}` : ''])],
    ['CPU', cpuLine(inventory?.cpu)],
    ['Memory', memoryLine(inventory?.memory)],
    ['OS', osLine(inventory?.os) || device.os],
    ...(inventory?.disks?.length ? inventory.disks.map((disk, i): [string, string] => [i === 0 ? 'Disks' : '', diskLine(disk)]) : [['Disks', inventory ? 'none reported by the agent' : ''] as [string, string]]),
    ...(inventory?.networkInterfaces ?? []).map((nic, i): [string, string] => [i === 0 ? 'Network' : '', interfaceLine(nic)]),
    ['Software', inventory ? softwareLine(inventory.software) : ''],
    ['LAN neighbours', inventory?.neighbours ? String(inventory.neighbours.length) : ''],
    ['Device id', device.id],
    ['Agent', device.agentId ?? ''],
    ['First seen', device.firstSeen],
    ['Last seen', device.lastSeen],
    ['Inventory', inventory ? `#${inventory.seq}, received ${inventory.receivedAt}${inventory.full ? '' : ' (changes merged into the one before)'}` : 'none stored'],
  ];
  // A row whose value is empty says nothing; a continuation row (no label) always has a value.
  return lines.filter(([, value]) => value !== '');
}

const SOFTWARE_COLUMNS: Column<SoftwareJson>[] = [
  { header: 'Name', value: (p) => p.name },
  { header: 'Version', value: (p) => p.version },
  { header: 'Source', value: (p) => p.source },
  { header: 'Arch', value: (p) => p.arch },
  { header: 'Publisher', detail: true, value: (p) => p.publisher },
  { header: 'Installed', value: (p) => p.installedAt?.slice(0, 10) },
  { header: 'Location', detail: true, value: (p) => p.location },
  { header: 'Section', detail: true, value: (p) => p.section },
];

/** `rollcall devices show`: the device's facts, or with `software` its installed packages. */
export function renderDeviceDetail(detail: DeviceDetail, format: OutputFormat, software: boolean): string {
  if (software) {
    const packages = [...(detail.inventory?.software ?? [])].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    if (format === 'table' && packages.length === 0) return `${detail.device.hostname || detail.device.id}: its agent has reported no installed software\n`;
    return render(packages, SOFTWARE_COLUMNS, format);
  }
  if (format === 'json') return JSON.stringify(detail, null, 2) + '\n';
  const lines = facts(detail);
  if (format === 'csv') return csvRows([['field', 'value'], ...lines.map(([label, value], i) => [label || lastLabel(lines, i), value])]);
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n';
}

/** The label a continuation row belongs to (the nearest labelled row above it). */
function lastLabel(lines: [string, string][], i: number): string {
  while (i > 0 && !lines[i]![0]) i--;
  return lines[i]![0];
}
