import type { DeviceJson } from '../http/app.ts';
import { render, type Column, type OutputFormat } from './output.ts';

export const DEVICE_COLUMNS: Column<DeviceJson>[] = [
  { header: 'Hostname', value: (d) => d.hostname },
  { header: 'Serial', value: (d) => d.serial },
  { header: 'Manufacturer', detail: true, value: (d) => d.manufacturer },
  { header: 'Model', value: (d) => d.model },
  { header: 'OS', value: (d) => d.os },
  { header: 'MACs', value: (d) => d.macs.join(' ') },
  { header: 'Machine ID', detail: true, value: (d) => d.machineId },
  { header: 'Agent', detail: true, value: (d) => d.agentId },
  { header: 'First seen', detail: true, value: (d) => d.firstSeen },
  { header: 'Last seen', value: (d) => d.lastSeen },
];

export function renderDevices(devices: DeviceJson[], format: OutputFormat): string {
  if (format === 'table' && devices.length === 0) {
    return 'No devices yet. Run an agent against this collector: rollcall-agent run --server ws://HOST:PORT/agent --token TOKEN\n';
  }
  return render(devices, DEVICE_COLUMNS, format);
}
