import { Hono } from 'hono';
import type { Services } from '../services/index.ts';
import { parseAsOf, parseDays, parseKinds, parseLimit, parseSwitch } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { spellingFor } from './spelling.ts';

export function reconciliationRoutes({ reconciliation }: Services) {
  const routes = new Hono();

  /** Runs a reconciliation now (and stores it in the history): `?asOf=ISO&ghostAfter=30d&kind=ghost,shadow&new=true`. */
  routes.get('/', async (c) => {
    const spell = spellingFor(c.req.raw);
    return c.json(
      await reconciliation.run({
        asOf: parseAsOf(c.req.query('asOf'), spell),
        ghostAfterDays: parseDays(c.req.query('ghostAfter') ?? '30d', spell('ghostAfter')),
        kinds: parseKinds(c.req.queries('kind')),
        onlyNew: parseSwitch(c.req.query('new'), spell('new')),
      }),
    );
  });

  /** The stored runs, newest first: `?limit=20` (1 to 1000). */
  routes.get('/runs', async (c) => c.json({ runs: await reconciliation.history(parseLimit(c.req.query('limit'), 20, 1000, QUERY)) }));

  return routes;
}
