import { Hono } from 'hono';
import { z } from 'zod';
import { json, query } from './input.ts';
import { DaysSchema, MomentSchema, parseLimit, parseOffset, parseUtilizationRequest } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { spellingFor } from './spelling.ts';
import type { Services } from '../services/index.ts';

/** Utilization figures, with the CLI's parameters as query strings (`life` repeatable). */
export function utilizationRoutes({ utilization }: Services) {
  return new Hono()
    .get('/', query({ period: 'one', by: 'one', asOf: 'one', timeZone: 'one', workingHours: 'one', life: 'many', inUseCpu: 'one', idleBelow: 'one' }), async (c) => {
      const request = parseUtilizationRequest(c.req.valid('query'), spellingFor(c.req.raw));
      return c.json(await utilization.report(request));
    })
    // One device's online hours (CPU, user, in use), for charts.
    .get('/devices/:agentId/hours', query({ period: 'one', asOf: 'one', inUseCpu: 'one' }), async (c) => {
      const q = c.req.valid('query');
      const request = parseUtilizationRequest({ period: q.period ?? '7d', asOf: q.asOf, inUseCpu: q.inUseCpu }, spellingFor(c.req.raw));
      return c.json(await utilization.hours(c.req.param('agentId'), request));
    });
}

const SoftwareRequestBody = z
  .object({
    asOf: MomentSchema.optional(),
    unusedDays: DaysSchema.default(90),
    rules: z.array(z.object({ process: z.string().min(1), title: z.string().min(1) })).default([]),
    includeLibraries: z.boolean().default(false),
  })
  .strict();

/** Software metering; POST because extra rules travel in the body. Who has a package: GET installs. */
export function softwareRoutes({ software }: Services) {
  return new Hono()
    /** `?name=openssl&limit=1000&offset=0`: installs of packages whose name contains `name`, with the total. */
    .get('/installs', query({ name: 'one', limit: 'one', offset: 'one' }), async (c) => {
      const q = c.req.valid('query');
      const page = { limit: parseLimit(q.limit, 1000, 100_000, QUERY), offset: parseOffset(q.offset, QUERY) };
      return c.json(await software.findInstalled(q.name ?? '', page));
    })
    .post('/report', json(SoftwareRequestBody, 'software request'), async (c) => {
      const { asOf, unusedDays, rules, includeLibraries } = c.req.valid('json');
      return c.json(await software.report({ asOf: asOf ? new Date(asOf) : new Date(), unusedDays, rules, includeLibraries }));
    });
}
