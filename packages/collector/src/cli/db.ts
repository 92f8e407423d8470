import Table from 'cli-table3';
import { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { databaseTarget } from '../db/target.ts';
import { dbOption, formatOption } from './options.ts';
import type { OutputFormat } from './output.ts';
import { openDataSource } from './source.ts';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function dbCommands(): Command {
  const db = new Command('db').description('the database itself');
  db.command('stats')
    .description('row count and size on disk (with indexes) of every table')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: OutputFormat; db?: string }) => {
      const source = await openDataSource(databaseTarget(opts.db), 'db stats');
      try {
        const tables = await source.dbStats();
        if (opts.format === 'json') process.stdout.write(JSON.stringify({ tables }, null, 2) + '\n');
        else if (opts.format === 'csv') process.stdout.write(stringify([['table', 'rows', 'bytes'], ...tables.map((t) => [t.table, t.rows, t.bytes])]));
        else {
          const table = new Table({ head: ['Table', 'Rows', 'Size'], style: { head: [], border: [] }, colAligns: ['left', 'right', 'right'] });
          for (const t of tables) table.push([t.table, t.rows.toLocaleString('en'), mib(t.bytes)]);
          table.push(['total', tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en'), mib(tables.reduce((n, t) => n + t.bytes, 0))]);
          process.stdout.write(`${source.description}\n${table.toString()}\n`);
        }
      } finally {
        await source.close();
      }
    });
  return db;
}
