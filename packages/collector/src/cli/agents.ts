import { Command } from 'commander';
import type { AgentJson } from '../http/agents.ts';
import { parseDays } from '../services/params.ts';
import { dbOption, formatOption } from './options.ts';
import { render, type Column, type OutputFormat } from './output.ts';
import { withSource } from './source.ts';

const AGENT_COLUMNS: Column<AgentJson>[] = [
  { header: 'Agent', value: (a) => a.id },
  { header: 'Hostname', value: (a) => a.hostname },
  { header: 'Platform', value: (a) => a.platform },
  { header: 'Version', value: (a) => a.agentVersion },
  { header: 'Connected', value: (a) => (a.connected === null ? '?' : a.connected ? 'yes' : 'no') },
  { header: 'First seen', detail: true, value: (a) => a.firstSeen },
  { header: 'Last seen', value: (a) => a.lastSeen },
  { header: 'Last seq', detail: true, value: (a) => a.lastSeq },
];

export function renderAgents(agents: AgentJson[], format: OutputFormat): string {
  if (format !== 'table') return render(agents, AGENT_COLUMNS, format);
  if (agents.length === 0) return 'No agent has enrolled yet. Run one against this collector: rollcall-agent run --server ws://HOST:PORT/agent --token TOKEN\n';
  const connected = agents.filter((a) => a.connected).length;
  const known = agents.every((a) => a.connected !== null);
  const summary = known
    ? `${plural(agents.length)} enrolled, ${connected} connected now`
    : `${plural(agents.length)} enrolled; whether they are connected only the running collector knows (pass --server http://HOST:PORT)`;
  return `${summary}\n${render(agents, AGENT_COLUMNS, format)}`;
}

const plural = (n: number) => `${n} ${n === 1 ? 'agent' : 'agents'}`;

/** `30s`, `10m`, `1h` or plain seconds → seconds. */
function parseSpread(text: string): number {
  const match = /^\s*(\d+)\s*(s|m|h)?\s*$/i.exec(text);
  if (!match) return parseDays(text, '--spread') * 86_400; // also 1d, 2w; errors name --spread
  return Number(match[1]) * ({ s: 1, m: 60, h: 3600 }[(match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h']);
}

export function agentCommands(): Command {
  const agents = new Command('agents').description('the agents reporting to this collector');

  agents
    .command('list', { isDefault: true })
    .description('(the default) enrolled agents: host, platform, version, whether connected, last report')
    .option('--server <url>', 'the running collector, which knows which agents are connected (default: the one holding --db)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { server?: string; format: OutputFormat; db?: string }) => {
      const agents = await withSource({ db: opts.db, server: opts.server, command: 'agents' }, (source) => source.listAgents());
      process.stdout.write(renderAgents(agents, opts.format));
    });

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
      const result = await withSource({ db: opts.db, server: opts.server, command: 'agents refresh' }, (source) => source.refreshAgents(request));
      const notes = [
        ...(result.notConnected.length ? [`not connected now: ${result.notConnected.join(', ')}`] : []),
        ...(result.unknown.length ? [`never enrolled: ${result.unknown.join(', ')}`] : []),
      ];
      process.stdout.write(`asked ${plural(result.sent.length)} for ${request.kind} within ${request.spreadSeconds} s${notes.map((n) => `; ${n}`).join('')}\n`);
    });

  return agents;
}
