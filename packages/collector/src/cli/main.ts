import { Command, InvalidArgumentError, Option } from 'commander';
import { databaseTarget } from '../db/target.ts';
import { readTargetsFile } from '../discovery/targets.ts';
import { DEFAULT_RECONCILE_SCHEDULE, parseReconcileSchedule } from '../jobs/reconcile.ts';
import { createLogger } from '../log.ts';
import { COLLECTOR_VERSION } from '../version.ts';
import { agentCommands } from './agents.ts';
import { demoDevices, runLocalAgent } from './demo.ts';
import { dbArgument, demoHints, rollcallCommand } from './demo-hints.ts';
import { discoverCommand } from './discover.ts';
import { dbCommands } from './db.ts';
import { softwareCommand } from './software.ts';
import { utilizationCommands } from './utilization.ts';
import { deviceCommands, renderDevices } from './devices.ts';
import { observationCommands } from './observations.ts';
import { dbOption, formatOption, retentionOf, withRetentionOptions, type RetentionFlags } from './options.ts';
import type { OutputFormat } from './output.ts';
import { reconcileCommands } from './reconcile.ts';
import { registerCommands } from './register.ts';
import { banner, startOnPort, untilSignal } from './serve.ts';
import { reportError, throwInsteadOfExiting } from './report-error.ts';
import { openDataSource } from './source.ts';

const DEFAULT_PORT = 8080;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0–65535 (0 = any free port)');
  return n;
}

const logLevelOption = () =>
  new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error', 'silent']).env('ROLLCALL_LOG_LEVEL').default('info');

const program = new Command('rollcall')
  .description('rollcall collector: receives agent inventories, stores them and reports on them.')
  .version(COLLECTOR_VERSION)
  .addOption(new Option('--debug', 'on an error, print its stack trace and what caused it').env('ROLLCALL_DEBUG'))
  .showHelpAfterError();

withRetentionOptions(program.command('serve'))
  .description('serve the HTTP API and the agents\' WebSocket endpoint (/agent)')
  .addOption(new Option('--port <port>', 'TCP port').argParser(port).default(DEFAULT_PORT).env('ROLLCALL_PORT'))
  .addOption(new Option('--host <host>', 'address to listen on').default('0.0.0.0').env('ROLLCALL_HOST'))
  .addOption(dbOption())
  .addOption(logLevelOption())
  .addOption(new Option('--discovery-targets <file>', 'sweep these SNMP targets on their schedule (default nightly 02:30); same JSON as `rollcall discover --targets`').env('ROLLCALL_DISCOVERY_TARGETS'))
  .addOption(
    new Option('--reconcile-schedule <cron>', 'record a reconciliation run (as of then, 30-day window) on this cron schedule; off for never')
      .default(DEFAULT_RECONCILE_SCHEDULE)
      .env('ROLLCALL_RECONCILE_SCHEDULE'),
  )
  .addHelpText(
    'after',
    '\nA reconciliation run is recorded every hour (--reconcile-schedule): the baseline that reports and\n`rollcall shadows --new` compare with. Usage reports are rolled up into hourly and daily figures\nevery 10 minutes; raw reports, roll-ups, observations and old inventories past their retention are\npruned nightly at 03:15. The schedules are listed at start.',
  )
  .action(async (opts: { port: number; host: string; db?: string; logLevel: string; discoveryTargets?: string; reconcileSchedule: string } & RetentionFlags, command: Command) => {
    const db = databaseTarget(opts.db);
    const log = createLogger({ level: opts.logLevel });
    const discovery = opts.discoveryTargets ? readTargetsFile(opts.discoveryTargets) : undefined; // a bad file fails before anything starts
    const retention = retentionOf(opts);
    const reconcileSchedule = parseReconcileSchedule(opts.reconcileSchedule, command.getOptionValueSource('reconcileSchedule') === 'env' ? 'ROLLCALL_RECONCILE_SCHEDULE' : '--reconcile-schedule');
    const server = await startOnPort({ db, port: opts.port, host: opts.host, log, command: 'serve', discovery, retention, reconcileSchedule }, false);
    process.stdout.write(banner(server, db));
    const signal = await untilSignal();
    log.info({ signal }, 'shutting down');
    await server.close();
  });

program.addCommand(deviceCommands());

program
  .command('demo')
  .description('start a collector on embedded PGlite, report this machine through the local agent, keep serving')
  .addOption(new Option('--port <port>', `TCP port (default ${DEFAULT_PORT}, or a free one if it is taken)`).argParser(port))
  .addOption(dbOption())
  .addOption(logLevelOption().default('warn'))
  .action(async (opts: { port?: number; db?: string; logLevel: string }) => {
    const db = databaseTarget(opts.db);
    const log = createLogger({ level: opts.logLevel });
    const server = await startOnPort(
      { db, port: opts.port ?? DEFAULT_PORT, host: '127.0.0.1', log, command: 'demo' },
      opts.port === undefined,
    );
    try {
      process.stdout.write(banner(server, db));
      process.stdout.write('Running the local agent once...\n');
      await runLocalAgent(server);
      const devices = await demoDevices(server);
      process.stdout.write(renderDevices(devices, 'table'));
      const device = devices[0] ? devices[0].hostname || devices[0].id : undefined;
      process.stdout.write(demoHints({ apiUrl: `${server.url}/api/devices`, rollcall: rollcallCommand(), db: dbArgument(db, opts.db !== undefined), device }));
      await untilSignal();
    } finally {
      await server.close();
    }
  });

program.addCommand(registerCommands());
program.addCommand(agentCommands());
program.addCommand(observationCommands());
program.addCommand(discoverCommand());
for (const command of utilizationCommands()) program.addCommand(command);
program.addCommand(softwareCommand());
program.addCommand(dbCommands());
for (const command of reconcileCommands()) program.addCommand(command);

// The command being run, for naming what failed.
let running = '';
program.hook('preAction', (_program, action) => {
  const names: string[] = [];
  for (let command: Command | null = action; command?.parent; command = command.parent) names.unshift(command.name());
  running = names.join(' ');
});

// `rollcall reconcile | head`: the reader has all it wanted. Stop quietly, as cat and grep do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

throwInsteadOfExiting(program);
try {
  await program.parseAsync();
} catch (error) {
  const report = reportError(error, { command: running, debug: Boolean(program.opts().debug) });
  process.stderr.write(report.text);
  process.exitCode = report.exitCode;
}
