import { Hono } from 'hono';
import type { Services } from '../services/index.ts';

/** Devices agents report: the list, and one device with its latest inventory. */
export function deviceRoutes({ devices }: Services) {
  const routes = new Hono();
  routes.get('/', async (c) => c.json({ devices: await devices.list() }));
  /** `:ref` is the device's id, its agent's id, its serial or its hostname (409 when several match). */
  routes.get('/:ref', async (c) => c.json(await devices.show(c.req.param('ref'))));
  return routes;
}
