import { Command, Option } from 'commander';
import type { DeviceUtilizationRow } from '@rollcall/core';
import { csvRows, type CsvValue } from '../csv.ts';
import { parseUtilizationRequest } from '../services/params.ts';
import type { UtilizationReport } from '../services/utilization.ts';
import { dbOption, formatOption } from './options.ts';
import { counted, type OutputFormat } from './output.ts';
import { withSource } from './source.ts';
import { tableText } from './table.ts';

const DEFINITIONS = `
Definitions (check any figure by hand from the agents' usage reports):
  online hour       a clock hour in which the device reported usage
  in-use hour       an online hour with a user logged in, and someone typed or moved the mouse in it
                    (where the agent's OS reports input idle time), else average CPU above --in-use-cpu (default 5 %)
  working hours     --working-hours (default Mon-Fri 08:00-18:00) in the device's time zone: its register
                    asset's Time Zone, else the zone its agent reports, else --time-zone; counted from the
                    period's start, or from the hour the device's agent enrolled if that was later
  utilization rate  in-use hours / working hours in the period, at most 100 %
  idle              deployed in the register, measured for the whole period, and utilization rate below
                    --idle-below (default 10 %); a device enrolled during the period is rated, not judged
  overloaded        95th percentile of the online hours' average CPU or memory above 90 %
  book value        purchase cost less a straight-line share per month since purchase, over --life (default 36 months)
  idle cost         the book value of the idle devices
Hours are UTC clock hours, rolled up every 10 minutes by \`rollcall serve\` (kept 2 years; raw reports 14 days).
Devices are tied to register assets by the same rules as \`rollcall reconcile\`.`;

interface Options {
  period: string;
  by: string;
  asOf?: string;
  timeZone?: string;
  workingHours?: string;
  life?: string[];
  inUseCpu?: string;
  idleBelow?: string;
  format: OutputFormat;
  db?: string;
}

function command(name: string, description: string, idleOnly: boolean): Command {
  return new Command(name)
    .description(description)
    .addOption(new Option('--by <group>', 'device, model, department or location').default('device'))
    .option('--period <days>', 'the period ending at --as-of: 30d, 4w', '30d')
    .option('--as-of <iso>', 'end of the period (default now)')
    .option('--time-zone <zone>', 'IANA zone for devices whose asset and agent name none (default the collector’s)')
    .option('--working-hours <schedule>', 'days and whole hours people work, e.g. "Sun-Thu 07:00-15:00" (default Mon-Fri 08:00-18:00)')
    .option('--in-use-cpu <percent>', 'average CPU above which a logged-in hour is in use (default 5)')
    .option('--idle-below <percent>', 'utilization rate under which a deployed asset is idle (default 10)')
    .option('--life <category=months>', 'depreciation life per category; default=N for the rest (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .addOption(formatOption())
    .addOption(dbOption())
    .addHelpText('after', DEFINITIONS)
    .action(async (opts: Options) => {
      const request = parseUtilizationRequest({ ...opts, by: idleOnly ? 'device' : opts.by });
      const report = await withSource({ db: opts.db, command: name }, (source) => source.utilization(request));
      process.stdout.write(renderUtilization(idleOnly ? { ...report, devices: report.devices.filter((d) => d.idle) } : report, opts.format));
    });
}

export function utilizationCommands(): Command[] {
  return [
    command('utilization', 'how much each device is used: utilization rate, idle and overloaded devices, idle cost; by device, model, department or location', false),
    command('idle', 'deployed assets used less than --idle-below of working hours: reassignment candidates, with their book value', true),
  ];
}

const pct = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)} %`);
const COLUMNS: [string, (d: DeviceUtilizationRow) => CsvValue][] = [
  ['agentId', (d) => d.agentId],
  ['hostname', (d) => d.hostname],
  ['assetTag', (d) => d.assetTag],
  ['model', (d) => d.model],
  ['department', (d) => d.department],
  ['location', (d) => d.location],
  ['timeZone', (d) => d.timeZone],
  ['measuredFrom', (d) => d.measuredFrom],
  ['status', (d) => d.status],
  ['onlineHours', (d) => d.onlineHours],
  ['inUseHours', (d) => d.inUseHours],
  ['workingHours', (d) => d.workingHours],
  ['utilizationRate', (d) => d.utilizationRate],
  ['cpuP95', (d) => d.cpuP95],
  ['memoryP95', (d) => d.memoryP95],
  ['overloaded', (d) => d.overloaded],
  ['idle', (d) => d.idle],
  ['bookValue', (d) => d.bookValue],
];

export function renderUtilization(report: UtilizationReport, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'csv') {
    if (report.groups) return csvRows([['group', 'devices', 'utilizationRate', 'idle', 'idleCost', 'overloaded'], ...report.groups.map((g) => [g.key, g.devices, g.utilizationRate, g.idle, g.idleCost, g.overloaded])]);
    return csvRows([COLUMNS.map(([h]) => h), ...report.devices.map((d) => COLUMNS.map(([, v]) => v(d)))]);
  }
  const s = report.summary;
  const lines = [
    `${report.from.slice(0, 10)} – ${report.asOf.slice(0, 10)} (${report.periodDays} days, working hours ${report.definitions.workingHours} in each device's zone, else ${report.definitions.timeZone}): ${counted(s.devices, 'device')}, median utilization ${pct(s.medianUtilizationRate) || 'n/a'}, ${s.idle} idle (book value ${s.idleCost.toFixed(2)}), ${s.overloaded} overloaded`,
  ];
  const late = report.devices.filter((d) => d.measuredFrom !== report.from).length;
  if (late > 0 && !report.groups) lines.push(`${late} ${late === 1 ? 'device was' : 'devices were'} enrolled during the period ("since" below): rated over the hours since, and not judged idle yet`);
  const head = (report.groups ? ['Group', 'Devices', 'Utilization', 'Idle', 'Idle cost', 'Overloaded'] : ['Device', 'Asset', 'Department', 'In use / working h', 'Utilization', 'CPU p95', 'Idle', 'Book value']).map((header) => ({ header }));
  const rows = report.groups
    ? report.groups.map((g) => [g.key, g.devices, pct(g.utilizationRate), g.idle, g.idleCost.toFixed(2), g.overloaded])
    : report.devices.map((d) => [d.hostname ?? d.agentId, d.assetTag ?? '', d.department ?? '', `${d.inUseHours} / ${d.workingHours}${d.measuredFrom === report.from ? '' : ` since ${d.measuredFrom.slice(0, 16).replace('T', ' ')}`}`, pct(d.utilizationRate), d.cpuP95 === null ? '' : `${d.cpuP95.toFixed(1)} %`, d.idle ? 'idle' : '', d.bookValue?.toFixed(2) ?? '']);
  if (rows.length > 0) lines.push(tableText(head, rows).slice(0, -1));
  return lines.join('\n') + '\n';
}
