import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { openDatabase } from '../db/open.ts';
import { lockHolder } from '../db/lock.ts';
import type { DatabaseTarget } from '../db/target.ts';
import { isErrorCode, RollcallError } from '../errors.ts';
import { agentJson, type AgentJson, type RefreshResult } from '../http/agents.ts';
import { CLIENT_HEADER } from '../http/spelling.ts';
import { createServices } from '../services/index.ts';
import type { DeviceChanges, DeviceDetail, DeviceJson } from '../services/devices.ts';
import type { SweepRequest } from '../discovery/targets.ts';
import type { AgentJob, DiscoveryReport, SweepProgress } from '../services/discovery.ts';
import type { ImportObservationsOptions, ImportObservationsReport, ObservationJson } from '../services/observations.ts';
import type { ObservationFilter } from '../store/observations.ts';
import type { InstallsPage, SoftwareReport, SoftwareRequest } from '../services/software.ts';
import type { UtilizationReport, UtilizationRequest } from '../services/utilization.ts';
import type { ReconcileRequest, ReconciliationReport } from '../services/reconciliation.ts';
import type { RetentionDays, RollupResult } from '../store/metrics-rollups.ts';
import type { RetentionResult } from '../services/retention.ts';
import type { ImportRegisterOptions, ImportRegisterReport } from '../services/register.ts';

/** What CLI commands need, whether they open the database or ask the server that holds it. */
export interface DataSource {
  readonly description: string;
  listDevices(): Promise<DeviceJson[]>;
  /** One device, named by its id, agent id, serial or hostname, with its latest inventory. */
  showDevice(ref: string): Promise<DeviceDetail>;
  /** What changed on one device between its stored inventories (since `since`, if given). */
  deviceChanges(ref: string, since?: Date): Promise<DeviceChanges>;
  /** Enrolled agents; whether each is connected is known only through the running collector. */
  listAgents(): Promise<AgentJson[]>;
  importRegister(path: string, options: ImportRegisterOptions, changedBy: string, onBytes?: (bytes: number) => void): Promise<ImportRegisterReport>;
  exportRegister(format: 'csv' | 'json'): Promise<string>;
  importObservations(path: string, options: ImportObservationsOptions, onBytes?: (bytes: number) => void): Promise<ImportObservationsReport>;
  listObservations(filter: ObservationFilter, page: { limit: number; offset: number }): Promise<ObservationJson[]>;
  reconcile(request: ReconcileRequest): Promise<ReconciliationReport>;
  /** Sweeps SNMP targets and stores what answered (progress only when run here, not through a server). */
  sweep(request: SweepRequest, onProgress?: SweepProgress): Promise<DiscoveryReport>;
  /** Hands the sweep to a connected agent (needs the running collector); follow it with discoveryJob. */
  sweepVia(agentId: string, request: SweepRequest): Promise<AgentJob>;
  discoveryJob(jobId: string): Promise<AgentJob>;
  utilization(request: UtilizationRequest): Promise<UtilizationReport>;
  software(request: SoftwareRequest): Promise<SoftwareReport>;
  /** Which devices have packages named like `name` installed, in which version. */
  findInstalled(name: string, page: { limit: number; offset: number }): Promise<InstallsPage>;
  dbStats(): Promise<{ table: string; rows: number; bytes: number }[]>;
  /** Folds usage reports not rolled up yet into the hourly and daily roll-ups. */
  rollup(): Promise<RollupResult>;
  /** Deletes usage data past its retention. */
  prune(retention: RetentionDays): Promise<RetentionResult>;
  /** Asks agents to report now; needs the running collector (commands go over agents' sockets). */
  refreshAgents(request: RefreshRequest): Promise<RefreshResult>;
  close(): Promise<void>;
}

export interface RefreshRequest {
  agents?: string[];
  all?: boolean;
  kind: 'inventory' | 'metrics';
  spreadSeconds: number;
}

/** The API of a running collector, named explicitly (`--server`). */
export function serverSource(url: string): DataSource {
  return new ApiSource(url);
}

/**
 * A PGlite directory held by `rollcall serve` is used through that server's HTTP API (one process
 * per directory); anything else is opened directly.
 */
export async function openDataSource(target: DatabaseTarget, command: string): Promise<DataSource> {
  const holder = target.kind === 'pglite' ? lockHolder(target.dir) : undefined;
  if (holder?.url) return new ApiSource(holder.url);
  const database = await openDatabase(target, command);
  for (const notice of database.notices) process.stderr.write(`rollcall: ${notice}\n`);
  const services = createServices(database.db);
  return {
    description: 'database',
    listDevices: () => services.devices.list(),
    showDevice: (ref) => services.devices.show(ref),
    deviceChanges: (ref, since) => services.devices.changes(ref, since),
    listAgents: async () => (await services.store.listAgents()).map((agent) => agentJson(agent, null)),
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
    dbStats: () => services.store.tableStats(),
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

export function fileSize(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch (cause) {
    throw new RollcallError('BAD_INPUT', `cannot read ${path}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}`, { cause });
  }
  if (stats.isDirectory()) throw new RollcallError('BAD_INPUT', `cannot read ${path}: it is a directory; name a file`);
  return stats.size;
}

function readStream(path: string, onBytes?: (bytes: number) => void) {
  fileSize(path);
  const stream = createReadStream(path);
  if (onBytes) {
    let read = 0;
    stream.on('data', (chunk) => onBytes((read += chunk.length)));
  }
  return stream;
}

class ApiSource implements DataSource {
  constructor(private readonly baseUrl: string) {}

  get description(): string {
    return `server at ${this.baseUrl}`;
  }

  async listDevices(): Promise<DeviceJson[]> {
    return (await this.request<{ devices: DeviceJson[] }>('GET', '/api/devices')).devices;
  }

  showDevice(ref: string): Promise<DeviceDetail> {
    return this.request('GET', `/api/devices/${encodeURIComponent(ref)}`);
  }

  deviceChanges(ref: string, since?: Date): Promise<DeviceChanges> {
    return this.request('GET', `/api/devices/${encodeURIComponent(ref)}/changes${since ? `?since=${since.toISOString()}` : ''}`);
  }

  importRegister(path: string, options: ImportRegisterOptions): Promise<ImportRegisterReport> {
    const query = new URLSearchParams();
    if (options.skipBad) query.set('skipBad', 'true');
    for (const [field, column] of Object.entries(options.fieldMap ?? {})) query.append('map', `${field}=${column}`);
    for (const [label, status] of Object.entries(options.statusMap ?? {})) query.append('statusMap', `${label}=${status}`);
    return this.request('POST', `/api/assets/import?${query}`, readFile(path));
  }

  async exportRegister(format: 'csv' | 'json'): Promise<string> {
    return this.request('GET', `/api/assets/export?format=${format}`, undefined, 'text');
  }

  importObservations(path: string, options: ImportObservationsOptions): Promise<ImportObservationsReport> {
    const query = new URLSearchParams({ format: options.format, fileName: basename(path) });
    if (options.source) query.set('source', options.source);
    if (options.skipBad) query.set('skipBad', 'true');
    return this.request('POST', `/api/observations/import?${query}`, readFile(path));
  }

  async listObservations(filter: ObservationFilter, page: { limit: number; offset: number }): Promise<ObservationJson[]> {
    const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
    if (filter.source) query.set('source', filter.source);
    if (filter.find) query.set('find', filter.find);
    return (await this.request<{ observations: ObservationJson[] }>('GET', `/api/observations?${query}`)).observations;
  }

  reconcile(request: ReconcileRequest): Promise<ReconciliationReport> {
    if (request.record) {
      // Recording is the POST; the GET only reads.
      const body = { asOf: request.asOf.toISOString(), ghostAfter: `${request.ghostAfterDays}d`, kind: request.kinds ?? [], new: Boolean(request.onlyNew) };
      return this.request('POST', '/api/reconciliation/runs', Buffer.from(JSON.stringify(body)), 'json', 'application/json');
    }
    const query = new URLSearchParams({ asOf: request.asOf.toISOString(), ghostAfter: `${request.ghostAfterDays}d` });
    for (const kind of request.kinds ?? []) query.append('kind', kind);
    if (request.onlyNew) query.set('new', 'true');
    return this.request('GET', `/api/reconciliation?${query}`);
  }

  sweepVia(agentId: string, request: SweepRequest): Promise<AgentJob> {
    return this.request('POST', '/api/discovery/sweeps', Buffer.from(JSON.stringify({ via: agentId, ...request })), 'json', 'application/json');
  }

  rollup(): Promise<RollupResult> {
    return this.request('POST', '/api/db/rollup');
  }

  prune(retention: RetentionDays): Promise<RetentionResult> {
    const body = { rawDays: retention.raw, aggregateDays: retention.aggregates, observationDays: retention.observations, inventoryDays: retention.inventories };
    return this.request('POST', '/api/db/prune', Buffer.from(JSON.stringify(body)), 'json', 'application/json');
  }

  async dbStats(): Promise<{ table: string; rows: number; bytes: number }[]> {
    return (await this.request<{ tables: { table: string; rows: number; bytes: number }[] }>('GET', '/api/db/stats')).tables;
  }

  software(request: SoftwareRequest): Promise<SoftwareReport> {
    const body = { asOf: request.asOf.toISOString(), unusedDays: request.unusedDays, rules: request.rules ?? [], includeLibraries: Boolean(request.includeLibraries) };
    return this.request('POST', '/api/software/report', Buffer.from(JSON.stringify(body)), 'json', 'application/json');
  }

  findInstalled(name: string, page: { limit: number; offset: number }): Promise<InstallsPage> {
    const query = new URLSearchParams({ name, limit: String(page.limit), offset: String(page.offset) });
    return this.request('GET', `/api/software/installs?${query}`);
  }

  utilization(request: UtilizationRequest): Promise<UtilizationReport> {
    const query = new URLSearchParams({ asOf: request.asOf.toISOString(), period: `${request.periodDays}d`, by: request.by });
    if (request.timeZone) query.set('timeZone', request.timeZone);
    if (request.inUseCpuPercent !== undefined) query.set('inUseCpu', String(request.inUseCpuPercent));
    if (request.idleBelowPercent !== undefined) query.set('idleBelow', String(request.idleBelowPercent));
    for (const [category, months] of Object.entries(request.lifeMonths ?? {})) query.append('life', `${category}=${months}`);
    return this.request('GET', `/api/utilization?${query}`);
  }

  discoveryJob(jobId: string): Promise<AgentJob> {
    return this.request('GET', `/api/discovery/jobs/${encodeURIComponent(jobId)}`);
  }

  sweep(request: SweepRequest): Promise<DiscoveryReport> {
    return this.request('POST', '/api/discovery/sweeps', Buffer.from(JSON.stringify(request)), 'json', 'application/json');
  }

  async listAgents(): Promise<AgentJson[]> {
    return (await this.request<{ agents: AgentJson[] }>('GET', '/api/agents')).agents;
  }

  refreshAgents(request: RefreshRequest): Promise<RefreshResult> {
    return this.request('POST', '/api/agents/refresh', Buffer.from(JSON.stringify(request)), 'json', 'application/json');
  }

  async close(): Promise<void> {}

  private async request<T>(method: string, path: string, body?: Buffer, as: 'json' | 'text' = 'json', contentType?: string): Promise<T> {
    let response: Response;
    try {
      // The server names parameters in its errors as this CLI's flags.
      const headers: Record<string, string> = { [CLIENT_HEADER]: 'cli', ...(contentType ? { 'content-type': contentType } : {}) };
      response = await fetch(new URL(path, this.baseUrl), { method, body, headers });
    } catch (cause) {
      throw new RollcallError(
        'SERVER_UNREACHABLE',
        `the database is held by the rollcall server at ${this.baseUrl}, which does not answer: ${(cause as Error).message}`,
        { cause },
      );
    }
    if (!response.ok) {
      const text = await response.text();
      let error: { code?: unknown; message?: unknown; details?: Record<string, unknown> } | undefined;
      try {
        error = (JSON.parse(text) as { error?: typeof error }).error;
      } catch {
        // not one of our JSON errors
      }
      if (error && typeof error.message === 'string' && error.message) {
        const details = error.details !== null && typeof error.details === 'object' ? error.details : undefined;
        if (isErrorCode(error.code)) throw new RollcallError(error.code, error.message, { details });
        // A code this CLI does not know (a newer server?) is still an error: never exit 0 on it.
        throw new RollcallError('INTERNAL', `${error.message} (the server at ${this.baseUrl} answered HTTP ${response.status} with error code ${JSON.stringify(error.code)}, unknown to this rollcall)`, { details });
      }
      throw new RollcallError('SERVER_UNREACHABLE', `${method} ${path} on ${this.baseUrl} failed with HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    return (as === 'json' ? await response.json() : await response.text()) as T;
  }
}

function readFile(path: string): Buffer {
  fileSize(path);
  return readFileSync(path);
}
