import { Command } from 'commander';
import type { DeviceJson } from '../services/devices.ts';
import { parseSince } from '../services/params.ts';
import { renderDeviceChanges } from './device-changes.ts';
import { renderDeviceDetail } from './device-detail.ts';
import { dbOption, formatOption } from './options.ts';
import { render, type Column, type OutputFormat } from './output.ts';
import { withSource } from './source.ts';

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

export function deviceCommands(): Command {
  const devices = new Command('devices').description('the machines agents report');

  devices
    .command('list', { isDefault: true })
    .description('(the default) list the devices agents have reported')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: OutputFormat; db?: string }) => {
      process.stdout.write(renderDevices(await withSource({ db: opts.db, command: 'devices' }, (source) => source.listDevices()), opts.format));
    });

  devices
    .command('show')
    .description("one device with its agent's latest inventory: hardware, OS, disks, network, software")
    .argument('<device>', 'its hostname (with or without domain), serial, device id or agent id')
    .option('--software', 'list its installed packages instead')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (ref: string, opts: { software?: boolean; format: OutputFormat; db?: string }) => {
      const device = await withSource({ db: opts.db, command: 'devices show' }, (source) => source.showDevice(ref));
      process.stdout.write(renderDeviceDetail(device, opts.format, Boolean(opts.software)));
    });
  devices
    .command('changes')
    .description('what changed on one device, inventory by inventory: hardware swapped, OS upgraded, packages installed, removed, upgraded')
    .argument('<device>', 'its hostname (with or without domain), serial, device id or agent id')
    .option('--since <when>', 'only changes received since: 30d, 4w or an ISO date (default: every inventory kept, 90 days by default)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (ref: string, opts: { since?: string; format: OutputFormat; db?: string }) => {
      const since = parseSince(opts.since);
      process.stdout.write(renderDeviceChanges(await withSource({ db: opts.db, command: 'devices changes' }, (source) => source.deviceChanges(ref, since)), opts.format));
    });
  return devices;
}
