import { Hono } from 'hono';
import type { Services } from '../services/index.ts';
import { parseSince } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { query } from './input.ts';

/** Devices agents report: the list, and one device with its latest inventory. */
export function deviceRoutes({ devices }: Services) {
  return new Hono()
    .get('/', async (c) => c.json({ devices: await devices.list() }))
    /** `:ref` is the device's id, its agent's id, its serial or its hostname (409 when several match). */
    .get('/:ref', async (c) => c.json(await devices.show(c.req.param('ref'))))
    /** `?since=30d` (or 4w, or an ISO date): what changed between its stored inventories, newest first. */
    .get('/:ref/changes', query({ since: 'one' }), async (c) => c.json(await devices.changes(c.req.param('ref'), parseSince(c.req.valid('query').since, QUERY))));
}
