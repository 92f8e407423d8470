import { basename } from 'node:path';
import { openDatabase } from '../db/open.ts';
import type { DatabaseTarget } from '../db/target.ts';
import { RollcallError } from '../errors.ts';
import { agentJson } from '../http/agents.ts';
import { createServices } from '../services/index.ts';
import { readStream } from './input-file.ts';
import type { DataSource } from './source.ts';

/** The database itself, opened by this process: the services, as the HTTP API uses them. */
export async function openDatabaseSource(target: DatabaseTarget, command: string): Promise<DataSource> {
  const database = await openDatabase(target, command);
  for (const notice of database.notices) process.stderr.write(`rollcall: ${notice}\n`);
  const services = createServices(database.db);
  return {
    description: 'database',
    listDevices: () => services.devices.list(),
    showDevice: (ref) => services.devices.show(ref),
    deviceChanges: (ref, since) => services.devices.changes(ref, since),
    listAgents: async () => (await services.agents.list()).map((agent) => agentJson(agent, null)),
    importRegister: (path, options, changedBy, onBytes) => services.register.import(readStream(path, onBytes), options, changedBy),
    exportRegister: (format) => services.register.export(format),
    listObservations: (filter, page) => services.observations.list(filter, page),
    importObservations: (path, options, onBytes) => services.observations.import(readStream(path, onBytes), { fileName: basename(path), ...options }),
    reconcile: (request) => services.reconciliation.run(request),
    sweep: (request, onProgress) => services.discovery.sweep(request, onProgress),
    sweepVia: needsServer('a sweep via an agent'),
    discoveryJob: needsServer('following a discovery job'),
    utilization: (request) => services.utilization.report(request),
    software: (request) => services.software.report(request),
    findInstalled: (name, page) => services.software.findInstalled(name, page),
    dbStats: () => services.stats.tables(),
    rollup: () => services.rollups.run(),
    prune: (retention) => services.retention.prune(retention),
    refreshAgents: needsServer('asking agents to report'),
    close: () => database.close(),
  };
}

/** Work that goes over agents' open sockets: only the running collector can do it. */
function needsServer(what: string) {
  return async (): Promise<never> => {
    throw new RollcallError('BAD_INPUT', `${what} needs the running collector: start \`rollcall serve\` on this database, or pass --server http://HOST:PORT`);
  };
}
