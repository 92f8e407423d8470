import { Hono } from 'hono';
import { parseUtilizationRequest } from '../services/params.ts';
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
      life: c.req.queries('life'),
      inUseCpu: q('inUseCpu'),
      idleBelow: q('idleBelow'),
    });
    return c.json(await utilization.report(request));
  });
  return routes;
}
