import { Hono } from 'hono';
import { RollcallError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { parseLimit, parseOffset } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { query } from './input.ts';
import { spellingFor } from './spelling.ts';

export function observationRoutes({ observations }: Services) {
  return new Hono()
    /** Body: JSON lines (`format=jsonl`, default) or an `nmap -oX` file (`format=nmap`). */
    .post('/import', query({ format: 'one', source: 'one', fileName: 'one', skipBad: 'one' }), async (c) => {
      const q = c.req.valid('query');
      const format = q.format ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'nmap') throw new RollcallError('BAD_INPUT', 'format must be jsonl or nmap');
      const report = await observations.import(Buffer.from(await c.req.arrayBuffer()), {
        format,
        source: q.source,
        fileName: q.fileName,
        skipBad: q.skipBad === 'true',
        spell: spellingFor(c.req.raw),
      });
      return c.json(report);
    })
    /** Stored sightings, newest first: `?source=&find=MAC|IP|serial|hostname&limit=100&offset=0`. */
    .get('/', query({ source: 'one', find: 'one', limit: 'one', offset: 'one' }), async (c) => {
      const q = c.req.valid('query');
      const limit = parseLimit(q.limit, 100, 10_000, QUERY);
      const offset = parseOffset(q.offset, QUERY);
      const found = await observations.list({ source: q.source || undefined, find: q.find || undefined }, { limit, offset });
      return c.json({ observations: found, limit, offset });
    });
}
