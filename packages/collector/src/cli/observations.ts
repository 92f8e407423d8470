import { Command, Option } from 'commander';
import { FLAGS } from '../spelling.ts';
import type { ObservationJson } from '../services/observations.ts';
import { parseLimit } from '../services/params.ts';
import { dbOption, formatOption } from './options.ts';
import { render, type Column, type OutputFormat } from './output.ts';
import { progressBar } from './progress.ts';
import { fileSize } from './input-file.ts';
import { withSource } from './source.ts';

export function observationCommands(): Command {
  const observations = new Command('observations').description('sightings of machines from any source');

  observations
    .command('import')
    .description('import sightings: JSON lines (one {"source","seenAt",hostname,serial,uuid,macs,ips,vendor,model} per line) or an `nmap -oX` file')
    .argument('<file>', 'the file to import')
    .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'nmap']).default('jsonl'))
    .option('--source <name>', 'source name for nmap sightings (default import:nmap:<file name>)')
    .option('--skip-bad', 'import the good lines even if some lines are bad (bad lines are listed)')
    .addOption(dbOption())
    .action(async (file: string, opts: { format: 'jsonl' | 'nmap'; source?: string; skipBad?: boolean; db?: string }) => {
      const size = fileSize(file); // before opening anything, so a wrong path fails fast
      const report = await withSource({ db: opts.db, command: 'observations import' }, async (source) => {
        const bar = progressBar('Importing', size);
        try {
          return await source.importObservations(file, { format: opts.format, source: opts.source, skipBad: Boolean(opts.skipBad) }, (bytes) => bar.update(bytes));
        } finally {
          bar.stop();
        }
      });
      const down = report.hostsDown === undefined ? '' : ` (${report.hostsDown} hosts down, not imported)`;
      const lines = [`${file}: ${report.imported} observations imported${report.skipped ? `, ${report.skipped} bad lines skipped` : ''}${down}`];
      for (const error of report.errors) lines.push(`  ${error.reason}`);
      process.stdout.write(lines.join('\n') + '\n');
    });

  observations
    .command('list')
    .description('stored sightings, newest first, as they came: what any source saw, and when')
    .option('--source <name>', 'only from this source, e.g. snmp:core-sw or agent:<id>')
    .option('--find <text>', 'only those naming this MAC (any notation), IP, serial or hostname (its start)')
    .option('--limit <n>', 'at most this many (1 to 10000)', '100')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { source?: string; find?: string; limit: string; format: OutputFormat; db?: string }) => {
      const page = { limit: parseLimit(opts.limit, 100, 10_000, FLAGS), offset: 0 };
      const rows = await withSource({ db: opts.db, command: 'observations list' }, (source) => source.listObservations({ source: opts.source, find: opts.find }, page));
      if (opts.format === 'table' && rows.length === 0) process.stdout.write('No sightings match.\n');
      else process.stdout.write(render(rows, OBSERVATION_COLUMNS, opts.format));
    });

  return observations;
}

const OBSERVATION_COLUMNS: Column<ObservationJson>[] = [
  { header: 'Seen at', value: (o) => o.seenAt },
  { header: 'Source', value: (o) => o.source },
  { header: 'Hostname', value: (o) => o.hostname },
  { header: 'Serial', value: (o) => o.serial },
  { header: 'UUID', detail: true, value: (o) => o.uuid },
  { header: 'MACs', value: (o) => o.macs.join(' ') },
  { header: 'IPs', value: (o) => o.ips.join(' ') },
  { header: 'Vendor', value: (o) => o.vendor },
  { header: 'Model', detail: true, value: (o) => o.model },
  { header: 'Switch port', value: (o) => o.switchPort },
  { header: 'Recorded at', detail: true, value: (o) => o.recordedAt },
];
