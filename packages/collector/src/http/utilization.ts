import { Hono } from 'hono';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';
import { jsonBody } from './body.ts';
import { DaysSchema, MomentSchema, parseLimit, parseOffset, parseUtilizationRequest } from '../services/params.ts';
import { QUERY } from '../spelling.ts';
import { spellingFor } from './spelling.ts';
import type { Services } from '../services/index.ts';

/** Utilization figures, with the CLI's parameters as query strings (`life` repeatable). */
export function utilizationRoutes({ utilization }: Services) {
  const routes = new Hono();
  routes.get('/', async (c) => {
    const q = (name: string) => c.req.query(name);
    const request = parseUtilizationRequest({
      period: q('period'),
      by: q('by'),
      asOf: q('asOf'),
      timeZone: q('timeZone'),
      workingHours: q('workingHours'),
      life: c.req.queries('life'),
      inUseCpu: q('inUseCpu'),
      idleBelow: q('idleBelow'),
    }, spellingFor(c.req.raw));
    return c.json(await utilization.report(request));
  });
  // One device's online hours (CPU, user, in use), for charts.
  routes.get('/devices/:agentId/hours', async (c) => {
    const request = parseUtilizationRequest({ period: c.req.query('period') ?? '7d', asOf: c.req.query('asOf'), inUseCpu: c.req.query('inUseCpu') }, spellingFor(c.req.raw));
    return c.json(await utilization.hours(c.req.param('agentId'), request));
  });
  return routes;
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
  const routes = new Hono();
  /** `?name=openssl&limit=1000&offset=0`: installs of packages whose name contains `name`, with the total. */
  routes.get('/installs', async (c) => {
    const page = { limit: parseLimit(c.req.query('limit'), 1000, 100_000, QUERY), offset: parseOffset(c.req.query('offset'), QUERY) };
    return c.json(await software.findInstalled(c.req.query('name') ?? '', page));
  });
  routes.post('/report', async (c) => {
    const parsed = SoftwareRequestBody.safeParse(await jsonBody(c.req.raw));
    if (!parsed.success) throw new RollcallError('BAD_INPUT', `invalid software request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { asOf, unusedDays, rules, includeLibraries } = parsed.data;
    return c.json(await software.report({ asOf: asOf ? new Date(asOf) : new Date(), unusedDays, rules, includeLibraries }));
  });
  return routes;
}
