import { Hono } from 'hono';
import { z } from 'zod';
import type { AgentHub } from '../agents/hub.ts';
import { RollcallError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { jsonBody } from './body.ts';

const RefreshRequest = z
  .object({
    agents: z.array(z.string()).optional(),
    all: z.boolean().optional(),
    kind: z.enum(['inventory', 'metrics']).default('inventory'),
    spreadSeconds: z.number().nonnegative().max(86_400).default(60),
  })
  .refine((r) => r.all === true || (r.agents?.length ?? 0) > 0, { message: 'name agents, or set "all": true' });

export function agentRoutes({ store }: Services, hub: Pick<AgentHub, 'connectedAgents' | 'refresh'>) {
  const routes = new Hono();

  routes.get('/', async (c) => {
    const connected = new Set(hub.connectedAgents());
    const agents = await store.listAgents();
    return c.json({
      agents: agents.map((a) => ({
        id: a.id,
        hostname: a.hostname,
        platform: a.platform,
        agentVersion: a.agentVersion,
        connected: connected.has(a.id),
        firstSeen: a.firstSeen.toISOString(),
        lastSeen: a.lastSeen.toISOString(),
        lastSeq: a.lastSeq,
      })),
    });
  });

  /** Asks agents to report now over their open sockets, spread over `spreadSeconds`. */
  routes.post('/refresh', async (c) => {
    const parsed = RefreshRequest.safeParse(await jsonBody(c.req.raw));
    if (!parsed.success) throw new RollcallError('BAD_INPUT', `invalid refresh request: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const { agents, all, kind, spreadSeconds } = parsed.data;
    return c.json(hub.refresh({ agents: all ? undefined : agents, kind, spreadMs: spreadSeconds * 1000 }));
  });

  return routes;
}
