import { Hono } from 'hono';
import { z } from 'zod';
import type { AgentHub } from '../agents/hub.ts';
import { RollcallError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import type { AgentRow } from '../services/agents.ts';
import { json } from './input.ts';

const RefreshRequest = z.object({
  agents: z.array(z.string()).optional(),
  all: z.boolean().optional(),
  kind: z.enum(['inventory', 'metrics']).default('inventory'),
  spreadSeconds: z.number().nonnegative().max(86_400).default(60),
});

/** What POST /api/agents/refresh takes: `{"all": true}` or `{"agents": [...]}`, with `kind` and `spreadSeconds`. */
export type RefreshRequest = z.input<typeof RefreshRequest>;

/** An enrolled agent as the API and the CLI show it. */
export interface AgentJson {
  id: string;
  hostname: string;
  platform: string;
  agentVersion: string;
  /** Whether it holds a connection to the collector now; null where that is not known (the CLI on the database itself). */
  connected: boolean | null;
  firstSeen: string;
  lastSeen: string;
  lastSeq: number;
}

export function agentJson(agent: AgentRow, connected: boolean | null): AgentJson {
  return {
    id: agent.id,
    hostname: agent.hostname,
    platform: agent.platform,
    agentVersion: agent.agentVersion,
    connected,
    firstSeen: agent.firstSeen.toISOString(),
    lastSeen: agent.lastSeen.toISOString(),
    lastSeq: agent.lastSeq,
  };
}

export interface RefreshResult {
  sent: string[];
  /** Enrolled, but not connected now. */
  notConnected: string[];
  /** Never enrolled: a typo, most likely. */
  unknown: string[];
}

export function agentRoutes({ agents: enrolled }: Services, hub: Pick<AgentHub, 'connectedAgents' | 'refresh'>) {
  return new Hono()
    .get('/', async (c) => {
      const connected = new Set(hub.connectedAgents());
      return c.json({ agents: (await enrolled.list()).map((a) => agentJson(a, connected.has(a.id))) });
    })
    /** Asks agents to report now over their open sockets, spread over `spreadSeconds`. */
    .post('/refresh', json(RefreshRequest, 'refresh request'), async (c) => {
      const { agents, all, kind, spreadSeconds } = c.req.valid('json');
      if (all !== true && !agents?.length) throw new RollcallError('BAD_INPUT', 'invalid refresh request: name agents, or set "all": true');
      const result = hub.refresh({ agents: all ? undefined : agents, kind, spreadMs: spreadSeconds * 1000 });
      const { notConnected, unknown } = await enrolled.sortUnreached(result.notConnected);
      if (result.sent.length === 0 && notConnected.length === 0 && unknown.length > 0) {
        throw new RollcallError('NOT_FOUND', `no agent ${unknown.map((id) => JSON.stringify(id)).join(', ')} has enrolled; \`rollcall agents\` or GET /api/agents lists the agents`);
      }
      return c.json({ sent: result.sent, notConnected, unknown } satisfies RefreshResult);
    });
}
