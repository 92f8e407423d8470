import { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { DEFAULT_RETENTION } from '../retention-days.ts';
import { json } from './input.ts';
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
export function dbRoutes({ stats, rollups, retention }: Services) {
  return new Hono()
    .get('/stats', async (c) => c.json({ tables: await stats.tables() }))
    .post('/rollup', async (c) => c.json(await rollups.run()))
    .post('/prune', json(PruneBody, 'prune request'), async (c) => {
      const { rawDays, aggregateDays, observationDays, inventoryDays } = c.req.valid('json');
      return c.json(await retention.prune({ raw: rawDays, aggregates: aggregateDays, observations: observationDays, inventories: inventoryDays }));
    });
}
