import { Command } from 'commander';
import { databaseTarget } from '../db/target.ts';
import { parseDays } from '../services/params.ts';
import { dbOption } from './options.ts';
import { openDataSource, serverSource } from './source.ts';

/** `30s`, `10m`, `1h` or plain seconds → seconds. */
function parseSpread(text: string): number {
  const match = /^\s*(\d+)\s*(s|m|h)?\s*$/i.exec(text);
  if (!match) return parseDays(text, '--spread') * 86_400; // also 1d, 2w; errors name --spread
  return Number(match[1]) * ({ s: 1, m: 60, h: 3600 }[(match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h']);
}

export function agentCommands(): Command {
  const agents = new Command('agents').description('the agents reporting to this collector');

  agents
    .command('refresh')
    .description('ask agents to send a full inventory (or their metrics) now, over their open connections')
    .argument('[agent...]', 'agent ids (see GET /api/agents)')
    .option('--all', 'every connected agent')
    .option('--metrics', 'ask for metrics instead of a full inventory')
    .option('--spread <duration>', 'spread the requests over this long (30s, 10m, 1h), so a fleet does not answer at once', '60s')
    .option('--server <url>', 'the running collector (default: the one holding --db)')
    .addOption(dbOption())
    .action(async (ids: string[], opts: { all?: boolean; metrics?: boolean; spread: string; server?: string; db?: string }) => {
      const request = { agents: ids, all: Boolean(opts.all), kind: opts.metrics ? ('metrics' as const) : ('inventory' as const), spreadSeconds: parseSpread(opts.spread) };
      const source = opts.server ? serverSource(opts.server) : await openDataSource(databaseTarget(opts.db), 'agents refresh');
      try {
        const result = await source.refreshAgents(request);
        process.stdout.write(`asked ${result.sent.length} agent(s) for ${request.kind} within ${request.spreadSeconds} s`);
        process.stdout.write(result.notConnected.length ? `; not connected: ${result.notConnected.join(', ')}\n` : '\n');
      } finally {
        await source.close();
      }
    });

  return agents;
}
