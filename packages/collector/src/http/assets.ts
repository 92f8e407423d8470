import { Hono } from 'hono';
import { RollcallError } from '../errors.ts';
import { MAX_IDENTIFIER_LENGTH } from '../limits.ts';
import { jsonBody } from './body.ts';
import { query } from './input.ts';
import { parseLimit, parseOffset, parsePairs, parseStatusFilter, parseStatusMap } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { spellingFor } from './spelling.ts';
import type { Services } from '../services/index.ts';

/**
 * Who a change to the register is recorded as: `changedBy` as the caller names itself (the rollcall
 * CLI sends `cli:USER`, as it records when it writes the database itself), else "api". Until API
 * tokens arrive (web console issue) nobody is authenticated, so the name is the caller's word.
 */
function actor(changedBy: string | undefined): string {
  const name = changedBy?.trim();
  if (!name) return 'api';
  if (name.length > MAX_IDENTIFIER_LENGTH) throw new RollcallError('BAD_INPUT', `changedBy: expected at most ${MAX_IDENTIFIER_LENGTH} characters`);
  return name;
}

export function assetRoutes({ register }: Services) {
  return new Hono()
    /** The register in tag order: `?status=In Stock&limit=100&offset=200` (every asset without a limit); `total` counts them all. */
    .get('/', query({ status: 'one', limit: 'one', offset: 'one' }), async (c) => {
      const q = c.req.valid('query');
      const filter = { status: parseStatusFilter(q.status) };
      const limit = q.limit === undefined ? undefined : parseLimit(q.limit, 0, 10_000, QUERY);
      const offset = parseOffset(q.offset, QUERY);
      const [assets, total] = await Promise.all([register.list(filter, { limit, offset }), register.count(filter)]);
      return c.json({ assets, total, offset, limit: limit ?? null });
    })
    .get('/export', query({ format: 'one' }), async (c) => {
      const format = c.req.valid('query').format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new RollcallError('BAD_INPUT', 'format must be csv or json');
      const body = await register.export(format);
      return c.body(body, 200, { 'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json' });
    })
    /** CSV upload: the body is the file; options as query parameters (map and statusMap repeatable). */
    .post('/import', query({ skipBad: 'one', map: 'many', statusMap: 'many', changedBy: 'one' }), async (c) => {
      const q = c.req.valid('query');
      const spell = spellingFor(c.req.raw);
      const changedBy = actor(q.changedBy);
      const report = await register.import(
        Buffer.from(await c.req.arrayBuffer()),
        { skipBad: q.skipBad === 'true', fieldMap: parsePairs(q.map, spell('map')), statusMap: parseStatusMap(q.statusMap, spell), spell },
        changedBy,
      );
      return c.json(report);
    })
    .post('/', query({ changedBy: 'one' }), async (c) => c.json(await register.create(await jsonBody(c.req.raw), actor(c.req.valid('query').changedBy)), 201))
    .get('/:tag', async (c) => c.json(await register.get(c.req.param('tag'))))
    .get('/:tag/history', async (c) => c.json({ history: await register.history(c.req.param('tag')) }))
    .patch('/:tag', query({ changedBy: 'one' }), async (c) => c.json(await register.update(c.req.param('tag'), await jsonBody(c.req.raw), actor(c.req.valid('query').changedBy))))
    .delete('/:tag', query({ changedBy: 'one' }), async (c) => {
      await register.delete(c.req.param('tag'), actor(c.req.valid('query').changedBy));
      return c.body(null, 204);
    });
}
