import { Command } from 'commander';
import { csvRows } from '../csv.ts';
import { FLAGS } from '../spelling.ts';
import { parseAsOf, parseDays, parseLimit, parseOffset } from '../services/params.ts';
import { readRulesFile, type InstallsPage, type SoftwareReport } from '../services/software.ts';
import type { InstalledPackage } from '../store/inventories.ts';
import { dbOption, formatOption } from './options.ts';
import { counted, render, type Column, type OutputFormat } from './output.ts';
import { withSource } from './source.ts';
import { tableText } from './table.ts';

/** `rollcall software`: the metering report (default), and who has a package installed (`find`). */
export function softwareCommand(): Command {
  const software = new Command('software').description('installed software: metering (which titles sit unused), and who has a package');
  software.addCommand(reportCommand(), { isDefault: true });
  software.addCommand(findCommand());
  return software;
}

/** `rollcall software [report]`: installed titles, where they run, and where they sit unused. */
function reportCommand(): Command {
  return new Command('report')
    .description('(the default) software metering: per title, installs, devices that ran it in 30 and 90 days, and devices where it is installed but unused (licence reclamation candidates)')
    .option('--unused <days>', 'installed but not run for this long counts as unused: 90d, 12w', '90d')
    .option('--as-of <iso>', 'as of this moment (default now)')
    .option('--rules <file>', 'extra executable → title rules: [{"process": "ccad64", "title": "Contoso CAD Suite"}]')
    .option('--all', 'list every title, not only those unused somewhere')
    .option('--libraries', 'meter libraries, fonts, translations, docs and kernels too (left out by their package section)')
    .addOption(formatOption())
    .addOption(dbOption())
    .addHelpText('after', '\nA process counts for a title when its executable is named like the title, or a rule says so (built-in rules cover Chrome, Office, Teams, Acrobat, Zoom, …).\nProcess names come from the agents\' usage reports; installed titles from their latest inventories.\nA title is unused on a device only when the device has been metered for at least --unused: on a newer one it is listed as metered too briefly.')
    .action(async (opts: { unused: string; asOf?: string; rules?: string; all?: boolean; libraries?: boolean; format: OutputFormat; db?: string }) => {
      const request = { asOf: parseAsOf(opts.asOf), unusedDays: parseDays(opts.unused, '--unused'), rules: opts.rules ? readRulesFile(opts.rules) : [], includeLibraries: Boolean(opts.libraries) };
      const report = await withSource({ db: opts.db, command: 'software' }, (source) => source.software(request));
      process.stdout.write(renderSoftware(opts.all ? report : { ...report, titles: report.titles.filter((t) => t.unusedOn.length > 0) }, opts.format));
    });
}

export function renderSoftware(report: SoftwareReport, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  const rows = report.titles.map((t) => [t.title, t.publisher ?? '', t.installs, t.usedIn30Days, t.usedIn90Days, t.unusedOn.length, t.unusedOn.join(' '), t.meteredTooBrieflyOn.join(' '), t.library]);
  const head = ['title', 'publisher', 'installs', 'usedIn30Days', 'usedIn90Days', 'unused', 'unusedOn', 'meteredTooBrieflyOn', 'library'];
  if (format === 'csv') return csvRows([head, ...rows]);
  const lines = [`${counted(report.devices, 'device')} with inventories; unused = not run for ${report.unusedDays} days before ${report.asOf.slice(0, 10)}`];
  if (report.librariesLeftOut > 0) lines.push(`${report.librariesLeftOut} library, font, translation, documentation and kernel ${report.librariesLeftOut === 1 ? 'title' : 'titles'} left out (--libraries meters them too)`);
  if (report.meteredTooBrieflyReason) lines.push(report.meteredTooBrieflyReason);
  if (rows.length === 0) return lines.join('\n') + '\nNo title sits unused.\n';
  const columns = [
    { header: 'Title', width: 32 },
    { header: 'Publisher', width: 18 },
    { header: 'Installs', width: 8 },
    { header: 'Ran 30d', width: 7 },
    { header: 'Ran 90d', width: 7 },
    { header: 'Unused on', width: 38 },
  ];
  lines.push(tableText(columns, report.titles.map((t) => [t.title, t.publisher ?? '', t.installs, t.usedIn30Days, t.usedIn90Days, `${t.unusedOn.length}: ${t.unusedOn.join(' ')}`])).slice(0, -1));
  return lines.join('\n') + '\n';
}

const INSTALL_COLUMNS: Column<InstalledPackage>[] = [
  { header: 'Hostname', value: (p) => p.hostname },
  { header: 'Name', value: (p) => p.name },
  { header: 'Version', value: (p) => p.version },
  { header: 'Source', value: (p) => p.source },
  { header: 'Arch', value: (p) => p.arch },
  { header: 'Installed', value: (p) => p.installedAt?.slice(0, 10) },
  { header: 'Publisher', detail: true, value: (p) => p.publisher },
  { header: 'Section', detail: true, value: (p) => p.section },
  { header: 'Agent', detail: true, value: (p) => p.agentId },
  { header: 'Device id', detail: true, value: (p) => p.deviceId },
  { header: 'Reported', detail: true, value: (p) => p.reportedAt },
];

/** Who has it: per package and version how many devices, then every install. */
export function renderInstalls(page: InstallsPage, format: OutputFormat): string {
  if (format !== 'table') return render(page.installs, INSTALL_COLUMNS, format);
  if (page.total === 0) return `No device's latest inventory lists a package whose name contains "${page.name}".\n`;
  const versions = new Map<string, Set<string>>();
  for (const p of page.installs) {
    const key = `${p.name} ${p.version || '(no version)'}`;
    const devices = versions.get(key) ?? new Set<string>();
    versions.set(key, devices.add(p.agentId));
  }
  const shown = page.installs.length < page.total ? ` (${page.offset + 1}–${page.offset + page.installs.length} here; --limit and --offset page on)` : '';
  const lines = [`${counted(page.total, 'install')} of packages named like "${page.name}"${shown}:`];
  for (const [version, devices] of versions) lines.push(`  ${version}: ${counted(devices.size, 'device')}`);
  return `${lines.join('\n')}\n${render(page.installs, INSTALL_COLUMNS, format)}`;
}

/** `rollcall software find NAME`: which devices have a package installed, in which version. */
function findCommand(): Command {
  return new Command('find')
    .description("which devices have a package installed, and which version: from every agent's latest inventory")
    .argument('<name>', 'part of the package name, any case (openssl, chrome, "visual studio")')
    .option('--limit <n>', 'at most this many installs (1 to 100000)', '1000')
    .option('--offset <n>', 'skip this many first', '0')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (name: string, opts: { limit: string; offset: string; format: OutputFormat; db?: string }) => {
      const page = { limit: parseLimit(opts.limit, 1000, 100_000, FLAGS), offset: parseOffset(opts.offset, FLAGS) };
      process.stdout.write(renderInstalls(await withSource({ db: opts.db, command: 'software find' }, (source) => source.findInstalled(name, page)), opts.format));
    });
}
