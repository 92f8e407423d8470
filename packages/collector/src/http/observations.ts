import { Hono } from 'hono';
import { RollcallError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { parseLimit, parseOffset } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { spellingFor } from './spelling.ts';

export function observationRoutes({ observations }: Services) {
  const routes = new Hono();

  /** Body: JSON lines (`format=jsonl`, default) or an `nmap -oX` file (`format=nmap`). */
  routes.post('/import', async (c) => {
    const format = c.req.query('format') ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'nmap') throw new RollcallError('BAD_INPUT', 'format must be jsonl or nmap');
    const report = await observations.import(Buffer.from(await c.req.arrayBuffer()), {
      format,
      source: c.req.query('source'),
      fileName: c.req.query('fileName'),
      skipBad: c.req.query('skipBad') === 'true',
      spell: spellingFor(c.req.raw),
    });
    return c.json(report);
  });

  /** Stored sightings, newest first: `?source=&find=MAC|IP|serial|hostname&limit=100&offset=0`. */
  routes.get('/', async (c) => {
    const limit = parseLimit(c.req.query('limit'), 100, 10_000, QUERY);
    const offset = parseOffset(c.req.query('offset'), QUERY);
    const found = await observations.list({ source: c.req.query('source') || undefined, find: c.req.query('find') || undefined }, { limit, offset });
    return c.json({ observations: found, limit, offset });
  });

  return routes;
}
