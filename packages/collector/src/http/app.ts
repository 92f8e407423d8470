import { Hono } from 'hono';
import { ERRORS, isRollcallError, RollcallError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Services } from '../services/index.ts';
import { COLLECTOR_VERSION } from '../version.ts';
import type { AgentHub } from '../agents/hub.ts';
import { agentRoutes } from './agents.ts';
import { assetRoutes } from './assets.ts';
import { dbRoutes } from './db.ts';
import { deviceRoutes } from './devices.ts';
import { discoveryRoutes } from './discovery.ts';
import { observationRoutes } from './observations.ts';
import { metricsRoutes } from './metrics.ts';
import { reconciliationRoutes } from './reconciliation.ts';
import { unstorableInUrl } from './url.ts';
import { softwareRoutes, utilizationRoutes } from './utilization.ts';

export function createApp(deps: { services: Services; log: Logger; hub: Pick<AgentHub, 'connectionCount' | 'connectedAgents' | 'refresh' | 'assignDiscovery'> }) {
  const { services } = deps;
  // One chain, so that the routes' inputs and answers make up AppType, which the CLI's client is typed by.
  const app = new Hono()
    // Path segments and query parameters reach the database as text: refuse what it cannot hold.
    .use(async (c, next) => {
      const problem = unstorableInUrl(new URL(c.req.url));
      if (problem) throw new RollcallError('BAD_INPUT', problem);
      await next();
    })
    .get('/api/health', (c) => c.json({ status: 'ok', version: COLLECTOR_VERSION, agentsConnected: deps.hub.connectionCount }))
    .route('/api/devices', deviceRoutes(services))
    .route('/api/agents', agentRoutes(services, deps.hub))
    .route('/api/assets', assetRoutes(services))
    .route('/api/discovery', discoveryRoutes(services, deps.hub))
    .route('/api/observations', observationRoutes(services))
    .route('/api/reconciliation', reconciliationRoutes(services))
    .route('/api/utilization', utilizationRoutes(services))
    .route('/api/software', softwareRoutes(services))
    .route('/metrics', metricsRoutes(services, deps.hub))
    .route('/api/db', dbRoutes(services));

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));

  app.onError((error, c) => {
    if (isRollcallError(error)) {
      return c.json({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }, ERRORS[error.code].http);
    }
    // Never a stack trace in the answer: it is in the log, with the request it belongs to.
    deps.log.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return c.json({ error: { code: 'INTERNAL', message: 'internal error; see the collector log' } }, 500);
  });

  return app;
}

/** The collector's HTTP API as types: `hc<AppType>(url)` from `hono/client` is a client typed by its routes. */
export type AppType = ReturnType<typeof createApp>;
