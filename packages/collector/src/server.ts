import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { AgentHub } from './agents/hub.ts';
import { openDatabase } from './db/open.ts';
import type { DatabaseTarget } from './db/target.ts';
import type { SweepRequest } from './discovery/targets.ts';
import { createApp } from './http/app.ts';
import { DEFAULT_DISCOVERY_SCHEDULE, scheduleDiscovery } from './jobs/discovery.ts';
import { PRUNE_SCHEDULE, ROLLUP_SCHEDULE, scheduleMaintenance } from './jobs/maintenance.ts';
import { DEFAULT_RECONCILE_SCHEDULE, parseReconcileSchedule, scheduleReconciliation } from './jobs/reconcile.ts';
import type { Logger } from './log.ts';
import { createServices, type Services } from './services/index.ts';
import { createStores, type Stores } from './store/index.ts';
import { DEFAULT_RETENTION, type RetentionDays } from './retention-days.ts';

export interface ServerOptions {
  db: DatabaseTarget;
  port: number;
  host?: string;
  log: Logger;
  /** Overrides $ROLLCALL_ENROLL_TOKEN and the stored token. */
  enrollToken?: string;
  /** Name written into the PGlite lock, shown to a blocked second process. */
  command?: string;
  /** Targets to sweep over SNMP on their schedule (default nightly). */
  discovery?: SweepRequest;
  /** How long raw usage batches and their roll-ups are kept (default 14 days and 2 years). */
  retention?: RetentionDays;
  /** When to record a reconciliation run (cron; default hourly); null for never. */
  reconcileSchedule?: string | null;
}

export interface RunningServer {
  url: string;
  agentUrl: string;
  port: number;
  enrollToken: string;
  /** The datastore, for tests that look at what was stored. */
  stores: Stores;
  services: Services;
  /** Each scheduled job's cron expression, by what it does. */
  schedules: Record<string, string>;
  close(): Promise<void>;
}

/** Opens the database, then serves the HTTP API and the agents' WebSocket on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // A bad schedule fails before anything is opened or listening.
  const reconcileSchedule = options.reconcileSchedule === null ? null : parseReconcileSchedule(options.reconcileSchedule ?? DEFAULT_RECONCILE_SCHEDULE, 'the reconcile schedule');
  const database = await openDatabase(options.db, options.command ?? 'serve');
  for (const notice of database.notices) options.log.warn(notice);
  try {
    const stores = createStores(database.db);
    const services = createServices(database.db, stores);
    const enrollToken = options.enrollToken ?? (await services.agents.enrollToken());
    const hub = new AgentHub({ agents: services.agents, enrollToken, log: options.log });
    const app = createApp({ services, log: options.log, hub });
    const host = options.host ?? '0.0.0.0';
    const server = await listen(app.fetch, options.port, host);
    server.on('upgrade', (request, socket, head) => {
      if (new URL(request.url ?? '/', 'http://x').pathname === '/agent') return hub.handleUpgrade(request, socket, head);
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    });
    const { port } = server.address() as AddressInfo;
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    const url = `http://${shownHost}:${port}`;
    database.lock?.setUrl(url);
    const discovery = options.discovery ? scheduleDiscovery(services.discovery, options.discovery, options.log) : undefined;
    const maintenance = scheduleMaintenance(services.rollups, services.retention, options.retention ?? DEFAULT_RETENTION, options.log);
    const reconciliation = reconcileSchedule === null ? undefined : scheduleReconciliation(services.reconciliation, reconcileSchedule, options.log);
    const schedules: Record<string, string> = {
      ...(reconcileSchedule === null ? {} : { 'reconciliation run': reconcileSchedule }),
      'usage roll-up': ROLLUP_SCHEDULE,
      pruning: PRUNE_SCHEDULE,
      ...(options.discovery ? { 'discovery sweep': options.discovery.schedule ?? DEFAULT_DISCOVERY_SCHEDULE } : {}),
    };
    return {
      url,
      agentUrl: `ws://${shownHost}:${port}/agent`,
      port,
      enrollToken,
      stores,
      services,
      schedules,
      async close() {
        discovery?.stop();
        maintenance.stop();
        reconciliation?.stop();
        await hub.close();
        await services.agents.flush(); // what agents sent is committed before the database closes
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
