import { Command } from 'commander';
import { databaseTarget } from '../db/target.ts';
import type { DeviceJson } from '../services/devices.ts';
import { parseSince } from '../services/params.ts';
import { renderDeviceChanges } from './device-changes.ts';
import { renderDeviceDetail } from './device-detail.ts';
import { dbOption, formatOption } from './options.ts';
import { render, type Column, type OutputFormat } from './output.ts';
import { openDataSource } from './source.ts';

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
      const source = await openDataSource(databaseTarget(opts.db), 'devices');
      try {
        process.stdout.write(renderDevices(await source.listDevices(), opts.format));
      } finally {
        await source.close();
      }
    });

  devices
    .command('show')
    .description("one device with its agent's latest inventory: hardware, OS, disks, network, software")
    .argument('<device>', 'its hostname (with or without domain), serial, device id or agent id')
    .option('--software', 'list its installed packages instead')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (ref: string, opts: { software?: boolean; format: OutputFormat; db?: string }) => {
      const source = await openDataSource(databaseTarget(opts.db), 'devices show');
      try {
        process.stdout.write(renderDeviceDetail(await source.showDevice(ref), opts.format, Boolean(opts.software)));
      } finally {
        await source.close();
      }
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
      const source = await openDataSource(databaseTarget(opts.db), 'devices changes');
      try {
        process.stdout.write(renderDeviceChanges(await source.deviceChanges(ref, since), opts.format));
      } finally {
        await source.close();
      }
    });
  return devices;
}
