import { Hono } from 'hono';
import type { AgentHub } from '../agents/hub.ts';
import { labelledWalk } from '../discovery/observations.ts';
import { parseSweepRequest, type SweepRequest } from '../discovery/targets.ts';
import { RollcallError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { jsonBodyOf } from './input.ts';

/** A sweep request; with `via` naming an agent, that agent runs it from its LAN. */
type SweepBody = SweepRequest & { via?: string };

function parseSweepBody(body: unknown): SweepBody {
  const { via, ...sweep } = (body ?? {}) as { via?: unknown };
  const request = parseSweepRequest(sweep, 'the request body');
  if (via === undefined) return request;
  if (typeof via !== 'string' || !via) throw new RollcallError('BAD_INPUT', '"via" must name an agent id (see GET /api/agents)');
  return { ...request, via };
}

/** Network discovery: run a sweep now, list the network devices and what changed on them. */
export function discoveryRoutes({ discovery }: Services, hub: Pick<AgentHub, 'assignDiscovery'>) {
  return new Hono()
    // The body carries community strings; the answer never does. With "via": AGENT the sweep runs
    // on that agent's LAN: the answer is the job to follow (GET /jobs/:id), 202.
    .post('/sweeps', jsonBodyOf(parseSweepBody), async (c) => {
      const { via, ...request } = c.req.valid('json');
      if (via === undefined) return c.json(await discovery.sweep(request), 200);
      const job = discovery.newAgentJob(via, request);
      if (!hub.assignDiscovery(via, job)) throw new RollcallError('NOT_FOUND', `agent ${via} is not connected; a sweep via an agent needs it online (see GET /api/agents)`);
      const assigned = discovery.job(job.jobId!)!; // just made: the newest job is kept
      return c.json(assigned, 202);
    })
    .get('/jobs/:id', (c) => {
      const job = discovery.job(c.req.param('id'));
      if (!job) throw new RollcallError('NOT_FOUND', `no discovery job ${c.req.param('id')} (jobs are kept in memory until the collector restarts)`);
      return c.json(job);
    })
    .get('/devices', async (c) => c.json({ devices: await discovery.devices.list() }))
    .get('/devices/:address', async (c) => {
      const walk = await discovery.devices.lastWalk(c.req.param('address'));
      if (!walk) throw new RollcallError('NOT_FOUND', `no network device at ${c.req.param('address')} has been walked`);
      return c.json({ walk: labelledWalk(walk), changes: await discovery.devices.changes(c.req.param('address')) });
    });
}
