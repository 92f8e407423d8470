import { Hono } from 'hono';
import { RollcallError } from '../errors.ts';
import { jsonBody } from './body.ts';
import { parseLimit, parseOffset, parsePairs, parseStatusFilter, parseStatusMap } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { spellingFor } from './spelling.ts';
import type { Services } from '../services/index.ts';

// Until API tokens arrive (web console issue), changes through the API are attributed to "api".
const ACTOR = 'api';

export function assetRoutes({ register }: Services) {
  const routes = new Hono();

  /** The register in tag order: `?status=In Stock&limit=100&offset=200` (every asset without a limit); `total` counts them all. */
  routes.get('/', async (c) => {
    const filter = { status: parseStatusFilter(c.req.query('status')) };
    const limit = c.req.query('limit') === undefined ? undefined : parseLimit(c.req.query('limit'), 0, 10_000, QUERY);
    const offset = parseOffset(c.req.query('offset'), QUERY);
    const [assets, total] = await Promise.all([register.list(filter, { limit, offset }), register.count(filter)]);
    return c.json({ assets, total, offset, limit: limit ?? null });
  });

  routes.get('/export', async (c) => {
    const format = c.req.query('format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new RollcallError('BAD_INPUT', 'format must be csv or json');
    const body = await register.export(format);
    return c.body(body, 200, { 'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json' });
  });

  /** CSV upload: the body is the file; options as query parameters (map and statusMap repeatable). */
  routes.post('/import', async (c) => {
    const spell = spellingFor(c.req.raw);
    const report = await register.import(
      Buffer.from(await c.req.arrayBuffer()),
      {
        skipBad: c.req.query('skipBad') === 'true',
        fieldMap: parsePairs(c.req.queries('map'), spell('map')),
        statusMap: parseStatusMap(c.req.queries('statusMap'), spell),
        spell,
      },
      ACTOR,
    );
    return c.json(report);
  });

  routes.post('/', async (c) => c.json(await register.create(await jsonBody(c.req.raw), ACTOR), 201));
  routes.get('/:tag', async (c) => c.json(await register.get(c.req.param('tag'))));
  routes.get('/:tag/history', async (c) => c.json({ history: await register.history(c.req.param('tag')) }));
  routes.patch('/:tag', async (c) => c.json(await register.update(c.req.param('tag'), await jsonBody(c.req.raw), ACTOR)));
  routes.delete('/:tag', async (c) => {
    await register.delete(c.req.param('tag'), ACTOR);
    return c.body(null, 204);
  });

  return routes;
}
