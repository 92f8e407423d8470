import { FINDING_KINDS, type FindingKind } from '@rollcall/core';
import { Command, Option } from 'commander';
import { parseAsOf, parseDays, parseKinds } from '../services/params.ts';
import { dbOption, formatOption } from './options.ts';
import type { OutputFormat } from './output.ts';
import { writeReport } from './reconcile-report.ts';
import { withSource } from './source.ts';

export const RECONCILE_HELP = `
Findings, as of --as-of (default now) with window --ghost-after (default 30d):
  matched    deployed asset, seen within the window
  ghost      deployed asset, never seen or last seen before the window
  drift      planned/ordered/in_stock/in_repair asset seen within the window: the register is stale
  zombie     lost/retired/disposed asset seen within the window
  shadow     device seen within the window that matches no asset (unmanaged)
  duplicate  several assets with one serial/UUID, or one device matching several assets
  conflict   a device whose serial, UUID or MAC point at different assets
  silent     asset whose agent stopped reporting while the network still sees it
Devices match assets by serial (confidence 1.0) > SMBIOS UUID (0.9) > MAC (0.8) > hostname (0.5).
Junk serials/UUIDs, randomised MACs and identifiers shared by several machines never match.
Reports compare with the last recorded run (the latest one as of the same moment or earlier): the
table says what changed since it and marks the findings it did not have as new; --new shows only
those. Reading a report records nothing, so it never hides a new device from the next --new. A run is
recorded only by --record (every kind, whichever are shown), by POST /api/reconciliation/runs, and
by \`rollcall serve\` on its --reconcile-schedule (default hourly, as of then with a 30-day window).`;

interface ReconcileOptions {
  asOf?: string;
  ghostAfter: string;
  format: OutputFormat;
  kind?: string[];
  new?: boolean;
  record?: boolean;
  db?: string;
}

function addReconcileCommand(name: string, description: string, fixedKinds?: FindingKind[]): Command {
  const command = new Command(name)
    .description(description)
    .option('--as-of <iso>', 'evaluate as of this time (observations after it are ignored)')
    .option('--ghost-after <days>', 'window: a deployed asset not seen for this long is a ghost', '30d')
    .option('--new', 'only findings the last recorded run did not have (what changed since, e.g. new unmanaged devices)')
    .option('--record', 'record this run (every kind): later reports and --new compare with it')
    .addOption(formatOption())
    .addOption(dbOption())
    .addHelpText('after', RECONCILE_HELP);
  if (!fixedKinds) {
    command.addOption(new Option('--kind <kind>', `only these kinds (repeatable or comma-separated): ${FINDING_KINDS.join(', ')}`).argParser((v: string, prev: string[] = []) => [...prev, v]));
  }
  return command.action(async (opts: ReconcileOptions) => {
    const request = { asOf: parseAsOf(opts.asOf), ghostAfterDays: parseDays(opts.ghostAfter), kinds: fixedKinds ?? parseKinds(opts.kind), onlyNew: Boolean(opts.new), record: Boolean(opts.record) };
    await writeReport(await withSource({ db: opts.db, command: name }, (source) => source.reconcile(request)), opts.format, process.stdout);
  });
}

export function reconcileCommands(): Command[] {
  return [
    addReconcileCommand('reconcile', 'compare the register with what was discovered, and explain every finding'),
    addReconcileCommand('ghosts', 'deployed assets nobody has seen within the window', ['ghost']),
    addReconcileCommand('shadows', 'devices seen on the network that are not in the register (unmanaged)', ['shadow']),
  ];
}
