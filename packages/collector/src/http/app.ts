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
  const app = new Hono();

  // Path segments and query parameters reach the database as text: refuse what it cannot hold.
  app.use(async (c, next) => {
    const problem = unstorableInUrl(new URL(c.req.url));
    if (problem) throw new RollcallError('BAD_INPUT', problem);
    await next();
  });

  app.get('/api/health', (c) => c.json({ status: 'ok', version: COLLECTOR_VERSION, agentsConnected: deps.hub.connectionCount }));
  app.route('/api/devices', deviceRoutes(services));
  app.route('/api/agents', agentRoutes(services, deps.hub));
  app.route('/api/assets', assetRoutes(services));
  app.route('/api/discovery', discoveryRoutes(services, deps.hub));
  app.route('/api/observations', observationRoutes(services));
  app.route('/api/reconciliation', reconciliationRoutes(services));
  app.route('/api/utilization', utilizationRoutes(services));
  app.route('/api/software', softwareRoutes(services));
  app.route('/metrics', metricsRoutes(services, deps.hub));
  app.route('/api/db', dbRoutes(services));

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
