import { Hono } from 'hono';
import { parseSweepRequest } from '../discovery/targets.ts';
import { RollcallError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { jsonBody } from './body.ts';

/** Network discovery: run a sweep now, list the network devices and what changed on them. */
export function discoveryRoutes({ discovery }: Services) {
  const routes = new Hono();

  // The body carries community strings; the answer never does.
  routes.post('/sweeps', async (c) => c.json(await discovery.sweep(parseSweepRequest(await jsonBody(c.req.raw), 'the request body'))));

  routes.get('/devices', async (c) => c.json({ devices: await discovery.devices.list() }));

  routes.get('/devices/:address', async (c) => {
    const walk = await discovery.devices.lastWalk(c.req.param('address'));
    if (!walk) throw new RollcallError('NOT_FOUND', `no network device at ${c.req.param('address')} has been walked`);
    return c.json({ walk, changes: await discovery.devices.changes(c.req.param('address')) });
  });

  return routes;
}
