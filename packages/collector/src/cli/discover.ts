import { Command, InvalidArgumentError, Option } from 'commander';
import { csvRows, type CsvValue } from '../csv.ts';
import { parseSweepRequest, readTargetsFile, type SweepRequest } from '../discovery/targets.ts';
import { RollcallError } from '../errors.ts';
import type { AgentJob, DiscoveryReport } from '../services/discovery.ts';
import { dbOption, formatOption } from './options.ts';
import type { OutputFormat } from './output.ts';
import { countBar } from './progress.ts';
import { withSource, type DataSource } from './source.ts';
import { tableText } from './table.ts';

const int = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

interface DiscoverOptions {
  targets?: string;
  range?: string[];
  community?: string[];
  port?: number;
  snmpVersion?: '1' | '2c';
  timeout?: number;
  retries?: number;
  concurrency?: number;
  format: OutputFormat;
  server?: string;
  via?: string;
  db?: string;
}

/** A targets file, or ranges and communities given as options (options add to the file's targets). */
function sweepRequest(opts: DiscoverOptions): SweepRequest {
  const file = opts.targets ? readTargetsFile(opts.targets) : undefined;
  const communities = opts.community ?? process.env.ROLLCALL_SNMP_COMMUNITY?.split(',').filter(Boolean) ?? [];
  const ranges = opts.range ?? [];
  if (ranges.length > 0 && communities.length === 0) {
    throw new RollcallError('BAD_INPUT', 'no community to try on --range: pass --community NAME (or set ROLLCALL_SNMP_COMMUNITY), or use --targets FILE');
  }
  const targets = [...(file?.targets ?? []), ...ranges.map((range) => ({ range, communities, port: opts.port, version: opts.snmpVersion }))];
  if (targets.length === 0) throw new RollcallError('BAD_INPUT', 'nothing to sweep: pass --range CIDR --community NAME, or --targets FILE');
  return parseSweepRequest(
    {
      targets,
      timeoutMs: opts.timeout ?? file?.timeoutMs,
      retries: opts.retries ?? file?.retries,
      concurrency: opts.concurrency ?? file?.concurrency,
    },
    'the sweep',
  );
}

export function discoverCommand(): Command {
  return new Command('discover')
    .description('sweep hosts and ranges over SNMP (v1/v2c): store each device, its interfaces and the neighbours in its ARP, forwarding and LLDP tables as observations')
    .option('--targets <file>', 'JSON file: {"targets": [{"range": "10.1.0.0/24", "communities": ["public"], "port": 161, "version": "2c"}], "timeoutMs", "retries", "concurrency"}')
    .option('--range <cidr|ip|host>', 'a range or host to sweep (repeatable)', collect)
    .option('--community <name>', 'community string to try on --range, in order (repeatable; or $ROLLCALL_SNMP_COMMUNITY, comma-separated, which keeps it out of `ps`)', collect)
    .addOption(new Option('--port <port>', 'UDP port for --range').argParser(int('--port')))
    .addOption(new Option('--snmp-version <version>', 'SNMP version for --range').choices(['1', '2c']))
    .addOption(new Option('--timeout <ms>', 'wait this long for each answer (default 2000)').argParser(int('--timeout')))
    .addOption(new Option('--retries <n>', 'retransmissions after the first try (default 1)').argParser(int('--retries')))
    .addOption(new Option('--concurrency <n>', 'hosts probed at once (default 32)').argParser(int('--concurrency')))
    .addOption(formatOption())
    .option('--via <agent>', 'run the sweep on this agent, from its LAN (branch offices); needs the running collector')
    .option('--server <url>', 'run the sweep on this collector (default: the one holding --db, if any)')
    .addOption(dbOption())
    .action(async (opts: DiscoverOptions) => {
      const request = sweepRequest(opts);
      const via = opts.via;
      if (via) {
        const job = await withSource({ db: opts.db, server: opts.server, command: 'discover' }, async (source) => followAgentJob(source, await source.sweepVia(via, request)));
        process.stdout.write(renderAgentJob(job, opts.format));
        return;
      }
      const report = await withSource({ db: opts.db, server: opts.server, command: 'discover' }, async (source) => {
        const bar = countBar('Sweeping', 'addresses');
        try {
          return await source.sweep(request, ({ done, total, responded }) => bar.update(done, total, `${responded} responded`));
        } finally {
          bar.stop();
        }
      });
      process.stdout.write(renderDiscovery(report, opts.format));
    });
}

/** Polls an agent's job until its summary arrives (the agent streams each device as it goes). */
async function followAgentJob(source: DataSource, job: AgentJob): Promise<AgentJob> {
  const deadline = Date.now() + 60 * 60_000;
  process.stderr.write(`sweep handed to agent ${job.agentId} as job ${job.jobId}; waiting for its results\n`);
  while (!job.done) {
    if (Date.now() > deadline) throw new RollcallError('INTERNAL', `agent ${job.agentId} has not finished job ${job.jobId} within an hour; see GET /api/discovery/jobs/${job.jobId}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = await source.discoveryJob(job.jobId);
  }
  return job;
}

export function renderAgentJob(job: AgentJob, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(job, null, 2) + '\n';
  if (format === 'csv') return csvRows([['address', 'name'], ...job.devices.map((d) => [d.address, d.name])]);
  const s = job.summary;
  if (s?.error) return `agent ${job.agentId} could not run the sweep: ${s.error}\n`;
  const lines = job.devices.map((d) => `  ${d.address}  ${d.name}`);
  lines.unshift(`agent ${job.agentId} swept ${s?.addresses ?? 0} addresses: ${s?.responded ?? 0} responded, ${s?.timedOut ?? 0} timed out, ${s?.failed.length ?? 0} failed; ${job.observations} observations stored, ${job.changes} changes`);
  for (const f of s?.failed ?? []) lines.push(`  ${f}`);
  return lines.join('\n') + '\n';
}

const COLUMNS: [string, (d: DiscoveryReport['devices'][number]) => CsvValue][] = [
  ['address', (d) => d.address],
  ['name', (d) => d.name],
  ['vendor', (d) => d.vendor],
  ['model', (d) => d.model],
  ['serial', (d) => d.serial],
  ['interfaces', (d) => d.interfaces],
  ['arp', (d) => d.arp],
  ['fdb', (d) => d.fdb],
  ['lldp', (d) => d.lldp],
  ['problems', (d) => d.problems.join(' | ')],
];

export function renderDiscovery(report: DiscoveryReport, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'csv') return csvRows([COLUMNS.map(([h]) => h), ...report.devices.map((d) => COLUMNS.map(([, v]) => v(d)))]);
  const lines: string[] = [];
  if (report.devices.length > 0) {
    const head = ['Address', 'Name', 'Vendor', 'Model', 'Serial', 'Ifs', 'ARP', 'FDB', 'LLDP'].map((header) => ({ header }));
    lines.push(tableText(head, report.devices.map((d) => [d.address, d.name, d.vendor ?? '', d.model ?? '', d.serial ?? '', d.interfaces, d.arp, d.fdb, d.lldp])).slice(0, -1));
    for (const d of report.devices) for (const problem of d.problems) lines.push(`  ${d.address}: ${problem}`);
  }
  lines.push(
    `${report.addresses} addresses: ${report.responded} responded, ${report.timedOut} timed out, ${report.failed.length} failed; ` +
      `${report.neighbours} neighbour entries; ${report.observations} observations stored; ${report.changes} changes since the last walks (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  for (const f of report.failed) lines.push(`  ${f.address}: ${f.error}`);
  if (report.responded === 0) lines.push('No device answered: check the community strings, the UDP port and that the devices allow SNMP from this host.');
  return lines.join('\n') + '\n';
}
