import { Command, Option } from 'commander';
import { databaseTarget } from '../db/target.ts';
import { dbOption } from './options.ts';
import { progressBar } from './progress.ts';
import { fileSize, openDataSource } from './source.ts';

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
      const source = await openDataSource(databaseTarget(opts.db), 'observations import');
      const bar = progressBar('Importing', size);
      try {
        const report = await source.importObservations(file, { format: opts.format, source: opts.source, skipBad: Boolean(opts.skipBad) }, (bytes) => bar.update(bytes));
        bar.stop();
        const down = report.hostsDown === undefined ? '' : ` (${report.hostsDown} hosts down, not imported)`;
        const lines = [`${file}: ${report.imported} observations imported${report.skipped ? `, ${report.skipped} bad lines skipped` : ''}${down}`];
        for (const error of report.errors) lines.push(`  ${error.reason}`);
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        bar.stop();
        await source.close();
      }
    });

  return observations;
}
