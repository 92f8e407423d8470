import type { InventoryChange } from '../inventory/changes.ts';
import type { DeviceChanges } from '../services/devices.ts';
import { counted, render, type Column, type OutputFormat } from './output.ts';

/** One change with the inventory that brought it: the rows of the table and of the CSV. */
type Row = InventoryChange & { receivedAt: string; seq: number };

/** "openssl 3.0.13 → 3.0.15", "added zoom 6.2", "removed disk /dev/sdb (…) HD 1 TB". */
export function describeChange(change: InventoryChange): string {
  const value = (text: string | null) => (text ? ` ${text}` : '');
  if (change.kind === 'added') return `added ${change.item}${value(change.to)}`;
  if (change.kind === 'removed') return `removed ${change.item}${value(change.from)}`;
  return `${change.item} ${change.from ?? '(none)'} → ${change.to ?? '(none)'}`;
}

const COLUMNS: Column<Row>[] = [
  { header: 'Received', value: (r) => r.receivedAt },
  { header: 'Section', value: (r) => r.section },
  { header: 'Change', value: (r) => describeChange(r) },
  { header: 'Kind', detail: true, value: (r) => r.kind },
  { header: 'Item', detail: true, value: (r) => r.item },
  { header: 'From', detail: true, value: (r) => r.from },
  { header: 'To', detail: true, value: (r) => r.to },
  { header: 'Inventory', detail: true, value: (r) => r.seq },
];

/** `rollcall devices changes`: newest first, one row a change; JSON as the API gives it. */
export function renderDeviceChanges(report: DeviceChanges, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  const rows = report.changes.flatMap((inventory) => inventory.changes.map((change) => ({ ...change, receivedAt: inventory.receivedAt, seq: inventory.seq })));
  if (format === 'csv') return render(rows, COLUMNS, format);
  const name = report.device.hostname || report.device.id;
  const kept = report.firstInventoryAt ? `${counted(report.inventories, 'inventory', 'inventories')} kept, the first from ${report.firstInventoryAt}` : 'no inventory kept';
  const span = report.since ? ` since ${report.since}` : '';
  if (rows.length === 0) return `${name}: nothing changed${span} (${kept})\n`;
  return `${name}: ${counted(rows.length, 'change')} in ${counted(report.changes.length, 'inventory', 'inventories')}${span} (${kept})\n${render(rows, COLUMNS, format)}`;
}
