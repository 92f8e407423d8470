import { Hono } from 'hono';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';
import type { Services } from '../services/index.ts';
import { DEFAULT_RETENTION } from '../store/metrics-rollups.ts';
import { jsonBody } from './body.ts';
import { DaysSchema } from '../services/params.ts';

const PruneBody = z
  .object({
    rawDays: DaysSchema.default(DEFAULT_RETENTION.raw),
    aggregateDays: DaysSchema.default(DEFAULT_RETENTION.aggregates),
    observationDays: DaysSchema.default(DEFAULT_RETENTION.observations),
    inventoryDays: DaysSchema.default(DEFAULT_RETENTION.inventories),
  })
  .strict();

/** The database itself: table sizes, and the usage roll-up and pruning jobs run on demand. */
export function dbRoutes({ store, rollups, retention }: Services) {
  const routes = new Hono();
  routes.get('/stats', async (c) => c.json({ tables: await store.tableStats() }));
  routes.post('/rollup', async (c) => c.json(await rollups.run()));
  routes.post('/prune', async (c) => {
    const parsed = PruneBody.safeParse(await jsonBody(c.req.raw));
    if (!parsed.success) throw new RollcallError('BAD_INPUT', `invalid prune request: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    const { rawDays, aggregateDays, observationDays, inventoryDays } = parsed.data;
    return c.json(await retention.prune({ raw: rawDays, aggregates: aggregateDays, observations: observationDays, inventories: inventoryDays }));
  });
  return routes;
}
