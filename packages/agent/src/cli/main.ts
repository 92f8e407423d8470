import { Command, InvalidArgumentError, Option } from 'commander';
import { encodeFrame } from '@rollcall/protocol';
import { defaultConfigPath, loadConfig } from '../config.ts';
import { AgentError, isAgentError } from '../errors.ts';
import { collectInChildProcess, collectInProcess } from '../inventory/collectors.ts';
import { createLogger } from '../log.ts';
import { reportOnce, runConnected } from '../run.ts';
import { AgentState, defaultStateDir } from '../state.ts';
import { AGENT_VERSION } from '../version.ts';
import { collectorUrl } from './server-url.ts';

const program = new Command('rollcall-agent')
  .description('Collects this machine\'s inventory and reports it to a rollcall collector.')
  .version(AGENT_VERSION)
  .showHelpAfterError();

program
  .command('inventory')
  .description('print the inventory this agent would send, without sending it')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'protobuf']).default('table'))
  .addOption(new Option('--log-level <level>', 'log level').choices(['debug', 'info', 'warn', 'error']).default('warn').env('ROLLCALL_LOG_LEVEL'))
  .action(async (opts: { format: 'table' | 'json' | 'protobuf'; logLevel: string }) => {
    const inventory = await collectInProcess(createLogger(opts.logLevel));
    const { inventoryJson, inventoryTable } = await import('./format.ts'); // not needed by the daemon: loaded here
    if (opts.format === 'protobuf') {
      // The Inventory frame as the collector would get it (the daemon reads it from here).
      process.stdout.write(encodeFrame({ seq: 0, kind: 'inventory', inventory }));
    } else if (opts.format === 'json') {
      process.stdout.write(inventoryJson(inventory) + '\n');
    } else {
      const bytes = encodeFrame({ seq: 1, kind: 'inventory', inventory }).byteLength;
      process.stdout.write(`${inventoryTable(inventory)}\nFrame size: ${bytes} bytes\n`);
    }
  });

interface RunOptions {
  server?: string;
  token?: string;
  stateDir?: string;
  config?: string;
  once?: boolean;
  logLevel?: string;
  inventoryCron?: string;
  metricsSampleSeconds?: number;
  metricsReportSeconds?: number;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number of seconds > 0');
  return n;
}

program
  .command('run')
  .description('connect to the collector, report a full inventory, then stay connected')
  .addOption(new Option('--server <url>', 'collector endpoint, e.g. ws://collector:8080/agent').env('ROLLCALL_SERVER').argParser(collectorUrl))
  .addOption(new Option('--token <token>', 'enrollment token printed by `rollcall serve` (first contact only)').env('ROLLCALL_ENROLL_TOKEN'))
  .addOption(new Option('--state-dir <dir>', 'where the agent keeps its id and key').env('ROLLCALL_AGENT_STATE_DIR'))
  .addOption(new Option('--config <file>', `JSON config file {server, token, stateDir, logLevel, inventoryCron, metricsSampleSeconds, metricsReportSeconds} (default ${defaultConfigPath()}, if present)`).env('ROLLCALL_AGENT_CONFIG'))
  .option('--once', 'report one inventory, wait for the collector\'s Ack and exit')
  .option('--inventory-cron <expr>', 'when to send a full inventory (cron; default daily at a time derived from the agent id)')
  .addOption(new Option('--metrics-sample-seconds <n>', 'sample usage every n seconds (default 60)').argParser(positiveInt))
  .addOption(new Option('--metrics-report-seconds <n>', 'report aggregated usage every n seconds (default 300)').argParser(positiveInt))
  .addOption(new Option('--log-level <level>', 'log level (default info)').choices(['debug', 'info', 'warn', 'error']).env('ROLLCALL_LOG_LEVEL'))
  .action(async (opts: RunOptions) => {
    // Flags and environment variables win over the config file.
    const config = loadConfig(opts.config);
    const server = opts.server ?? (config.server ? configuredUrl(config.server, opts.config ?? defaultConfigPath()) : undefined);
    if (!server) throw new AgentError('CONFIG', `no collector to report to: pass --server ws://HOST:PORT/agent, or set "server" in ${opts.config ?? defaultConfigPath()}`);
    const log = createLogger(opts.logLevel ?? config.logLevel ?? 'info');
    const state = AgentState.open(opts.stateDir ?? config.stateDir ?? defaultStateDir());
    const session = { server, token: opts.token ?? config.token, state, log };
    if (opts.once) {
      const { seq, bytes } = await reportOnce(session);
      process.stdout.write(`reported inventory to ${server} (agent ${state.agentId}, seq ${seq}, ${bytes} bytes)\n`);
      return;
    }
    const stop = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
    await runConnected(session, stop.signal, {
      inventoryCron: opts.inventoryCron ?? config.inventoryCron,
      metricsSampleSeconds: opts.metricsSampleSeconds ?? config.metricsSampleSeconds,
      metricsReportSeconds: opts.metricsReportSeconds ?? config.metricsReportSeconds,
    }, collectInChildProcess());
  });

/** The config file's `server`, or an error naming the file. */
function configuredUrl(value: string, file: string): string {
  try {
    return collectorUrl(value);
  } catch (error) {
    throw new AgentError('CONFIG', `"server" in ${file}: ${(error as Error).message}`);
  }
}

try {
  await program.parseAsync();
} catch (error) {
  const message = isAgentError(error) ? error.message : (error as Error).stack ?? String(error);
  process.stderr.write(`rollcall-agent: ${message}\n`);
  process.exitCode = isAgentError(error) && error.code === 'UNREACHABLE' ? 3 : 1;
}
