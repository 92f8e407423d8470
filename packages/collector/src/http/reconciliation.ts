import { Hono } from 'hono';
import type { Services } from '../services/index.ts';
import { parseAsOf, parseDays, parseKinds, parseLimit } from '../services/params.ts';
import { spellingFor } from './spelling.ts';

export function reconciliationRoutes({ reconciliation }: Services) {
  const routes = new Hono();

  /** Runs a reconciliation now (and stores it in the history): `?asOf=ISO&ghostAfter=30d&kind=ghost,shadow`. */
  routes.get('/', async (c) =>
    c.json(
      await reconciliation.run({
        asOf: parseAsOf(c.req.query('asOf'), spellingFor(c.req.raw)),
        ghostAfterDays: parseDays(c.req.query('ghostAfter') ?? '30d', spellingFor(c.req.raw)('ghostAfter')),
        kinds: parseKinds(c.req.queries('kind')),
      }),
    ),
  );

  /** The stored runs, newest first: `?limit=20` (1 to 1000). */
  routes.get('/runs', async (c) => c.json({ runs: await reconciliation.history(parseLimit(c.req.query('limit'), 20)) }));

  return routes;
}
