import { Command, InvalidArgumentError, Option } from 'commander';
import { databaseTarget } from '../db/target.ts';
import { DEFAULT_RECONCILE_SCHEDULE } from '../jobs/reconcile-schedule.ts';
import { COLLECTOR_VERSION } from '../version.ts';
import { addCommands } from './lazy-commands.ts';
import { dbOption, formatOption, retentionOf, withRetentionOptions, type RetentionFlags } from './options.ts';
import type { OutputFormat } from './output.ts';
import { reportError, throwInsteadOfExiting } from './report-error.ts';

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

const serve = withRetentionOptions(new Command('serve').copyInheritedSettings(program))
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
    const [{ createLogger }, { readTargetsFile }, { parseReconcileSchedule }, { banner, startOnPort, untilSignal }] = await Promise.all([
      import('../log.ts'),
      import('../discovery/targets.ts'),
      import('../jobs/reconcile.ts'),
      import('./serve.ts'),
    ]);
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

const demo = new Command('demo')
  .copyInheritedSettings(program)
  .description('start a collector on embedded PGlite, report this machine through the local agent, keep serving')
  .addOption(new Option('--port <port>', `TCP port (default ${DEFAULT_PORT}, or a free one if it is taken)`).argParser(port))
  .addOption(dbOption())
  .addOption(logLevelOption().default('warn'))
  .action(async (opts: { port?: number; db?: string; logLevel: string }) => {
    const [{ createLogger }, { banner, startOnPort, untilSignal }, { demoDevices, runLocalAgent }, { dbArgument, demoHints, rollcallCommand }, { renderDevices }] = await Promise.all([
      import('../log.ts'),
      import('./serve.ts'),
      import('./demo.ts'),
      import('./demo-hints.ts'),
      import('./devices.ts'),
    ]);
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

// In help order. A command's module (and what it imports) is loaded only when that command runs.
await addCommands(program, process.argv.slice(2), [
  serve,
  { names: ['devices'], load: async () => [(await import('./devices.ts')).deviceCommands()] },
  demo,
  { names: ['register'], load: async () => [(await import('./register.ts')).registerCommands()] },
  { names: ['agents'], load: async () => [(await import('./agents.ts')).agentCommands()] },
  { names: ['observations'], load: async () => [(await import('./observations.ts')).observationCommands()] },
  { names: ['discover'], load: async () => [(await import('./discover.ts')).discoverCommand()] },
  { names: ['utilization', 'idle'], load: async () => (await import('./utilization.ts')).utilizationCommands() },
  { names: ['software'], load: async () => [(await import('./software.ts')).softwareCommand()] },
  { names: ['db'], load: async () => [(await import('./db.ts')).dbCommands()] },
  { names: ['reconcile', 'ghosts', 'shadows'], load: async () => (await import('./reconcile.ts')).reconcileCommands() },
]);

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
