import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { REGISTER_FIELDS } from '../register/columns.ts';
import { parsePairs, parseStatusMap } from '../services/params.ts';
import type { ImportRegisterReport } from '../services/register.ts';
import { dbOption } from './options.ts';
import { progressBar } from './progress.ts';
import { fileSize } from './input-file.ts';
import { withSource } from './source.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const cliActor = () => `cli:${userInfo().username}`;

export function registerCommands(): Command {
  const register = new Command('register').description('the asset register: what the company believes it owns');

  register
    .command('import')
    .description("import assets from a CSV file (Snipe-IT export columns work as they are); upsert on asset tag. A cell written as '=… (one ' before = + - @, tab or CR, as register export writes formulas) is read without that '")
    .argument('<file>', 'CSV file (comma, semicolon or tab separated; UTF-8, BOM allowed)')
    .option('--map <field=column>', `read a field from a differently named column (repeatable); fields: ${REGISTER_FIELDS.join(', ')}`, collect)
    .option('--status-map <label=status>', 'map a status label of yours to a lifecycle status (repeatable), e.g. "In Use=deployed"', collect)
    .option('--skip-bad', 'import the good rows even if some rows are bad (bad rows are listed)')
    .addOption(dbOption())
    .action(async (file: string, opts: { map?: string[]; statusMap?: string[]; skipBad?: boolean; db?: string }) => {
      const options = { fieldMap: parsePairs(opts.map, '--map'), statusMap: parseStatusMap(opts.statusMap), skipBad: Boolean(opts.skipBad) };
      const size = fileSize(file); // before opening anything, so a wrong path fails fast
      const report = await withSource({ db: opts.db, command: 'register import' }, async (source) => {
        const bar = progressBar('Importing', size);
        try {
          return await source.importRegister(file, options, cliActor(), (bytes) => bar.update(bytes));
        } finally {
          bar.stop();
        }
      });
      process.stdout.write(importSummary(file, report));
    });

  register
    .command('export')
    .description("export the register (re-importable: export → import → export is identical). In CSV a cell starting with = + - @, tab or CR (after any ') gets a leading ', so that a spreadsheet shows it rather than running it; negative numbers stay as they are")
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--output <file>', 'write to a file instead of stdout')
    .addOption(dbOption())
    .action(async (opts: { format: 'csv' | 'json'; output?: string; db?: string }) => {
      const text = await withSource({ db: opts.db, command: 'register export' }, (source) => source.exportRegister(opts.format));
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });

  return register;
}

function importSummary(file: string, report: ImportRegisterReport): string {
  const lines = [
    `${file}: ${report.rows} rows — ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged${report.skipped ? `, ${report.skipped} bad rows skipped` : ''}`,
  ];
  if (report.unknownColumns.length) lines.push(`kept as custom fields: ${report.unknownColumns.join(', ')}`);
  for (const error of report.errors) lines.push(`  line ${error.line}: ${error.reason}`);
  return lines.join('\n') + '\n';
}
