import { Command } from 'commander';
import { csvRows } from '../csv.ts';
import { dbOption, formatOption, retentionOf, withRetentionOptions, type RetentionFlags } from './options.ts';
import type { OutputFormat } from './output.ts';
import { withSource } from './source.ts';
import { tableText } from './table.ts';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function dbCommands(): Command {
  const db = new Command('db').description('the database itself');
  db.command('stats')
    .description('row count and size on disk (with indexes) of every table')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: OutputFormat; db?: string }) => {
      const { description, tables } = await withSource({ db: opts.db, command: 'db stats' }, async (source) => ({ description: source.description, tables: await source.dbStats() }));
      if (opts.format === 'json') process.stdout.write(JSON.stringify({ tables }, null, 2) + '\n');
      else if (opts.format === 'csv') process.stdout.write(csvRows([['table', 'rows', 'bytes'], ...tables.map((t) => [t.table, t.rows, t.bytes])]));
      else {
        const head = [{ header: 'Table' }, { header: 'Rows', align: 'right' as const }, { header: 'Size', align: 'right' as const }];
        const rows = tables.map((t) => [t.table, t.rows.toLocaleString('en'), mib(t.bytes)]);
        rows.push(['total', tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en'), mib(tables.reduce((n, t) => n + t.bytes, 0))]);
        process.stdout.write(`${description}\n${tableText(head, rows)}`);
      }
    });
  db.command('rollup')
    .description('fold usage reports not rolled up yet into the hourly and daily roll-ups now (serve does it every 10 minutes)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: OutputFormat; db?: string }) => {
      const result = await withSource({ db: opts.db, command: 'db rollup' }, (source) => source.rollup());
      printCounts(opts.format, `rolled up ${result.batches.toLocaleString('en')} usage reports into ${result.hours.toLocaleString('en')} hourly and ${result.days.toLocaleString('en')} daily rows`, result);
    });
  withRetentionOptions(db.command('prune'))
    .description('delete raw usage reports (once rolled up), roll-ups, observations and old inventories past their retention now (serve does it nightly)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: OutputFormat; db?: string } & RetentionFlags) => {
      const result = await withSource({ db: opts.db, command: 'db prune' }, (source) => source.prune(retentionOf(opts)));
      printCounts(
        opts.format,
        `deleted ${result.batches.toLocaleString('en')} raw usage reports older than ${opts.retentionRawDays} days, ${result.hours.toLocaleString('en')} hourly and ${result.days.toLocaleString('en')} daily rows older than ${opts.retentionAggregateDays} days, ${result.observations.toLocaleString('en')} observations older than ${opts.retentionObservationDays} days, ${result.inventories.toLocaleString('en')} inventories older than ${opts.retentionInventoryDays} days (each agent's latest kept)`,
        result,
      );
    });
  return db;
}

/** A job's counts: a sentence for people, the numbers for machines. */
function printCounts(format: OutputFormat, sentence: string, counts: object): void {
  if (format === 'json') process.stdout.write(JSON.stringify(counts, null, 2) + '\n');
  else if (format === 'csv') process.stdout.write(csvRows([Object.keys(counts), Object.values(counts)]));
  else process.stdout.write(`${sentence}\n`);
}
