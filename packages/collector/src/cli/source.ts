import { databaseTarget } from '../db/target.ts';
import type { AgentJson, RefreshRequest, RefreshResult } from '../http/agents.ts';
import type { DeviceChanges, DeviceDetail, DeviceJson } from '../services/devices.ts';
import type { SweepRequest } from '../discovery/targets.ts';
import type { AgentJob, DiscoveryReport, SweepProgress } from '../services/discovery.ts';
import type { ImportObservationsOptions, ImportObservationsReport, ObservationJson } from '../services/observations.ts';
import type { ObservationFilter } from '../store/observations.ts';
import type { InstallsPage, SoftwareReport, SoftwareRequest } from '../services/software.ts';
import type { UtilizationReport, UtilizationRequest } from '../services/utilization.ts';
import type { ReconcileRequest, ReconciliationReport } from '../services/reconciliation.ts';
import type { RetentionDays } from '../retention-days.ts';
import type { RollupResult } from '../store/metrics-rollups.ts';
import type { RetentionResult } from '../services/retention.ts';
import type { ImportRegisterOptions, ImportRegisterReport } from '../services/register.ts';
import { serverSource } from './server-source.ts';

/**
 * What CLI commands need, whether they open the database (database-source.ts) or ask the server
 * that holds it (server-source.ts): one interface, so a command cannot tell which it has.
 */
export interface DataSource {
  readonly description: string;
  listDevices(): Promise<DeviceJson[]>;
  /** One device, named by its id, agent id, serial or hostname, with its latest inventory. */
  showDevice(ref: string): Promise<DeviceDetail>;
  /** What changed on one device between its stored inventories (since `since`, if given). */
  deviceChanges(ref: string, since?: Date): Promise<DeviceChanges>;
  /** Enrolled agents; whether each is connected is known only through the running collector. */
  listAgents(): Promise<AgentJson[]>;
  /** Imports a register CSV; `changedBy` is who the asset history records (`cli:USER`). */
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

/** Where a command finds its data: `--db` (or $ROLLCALL_DB), or `--server` where a command offers it. */
export interface SourceOptions {
  db?: string;
  server?: string;
  /** The command, as the PGlite directory's lock names who holds it. */
  command: string;
}

/**
 * Runs `run` on the command's data source, closed afterwards whatever happens: the one way every
 * command reaches its data.
 *
 * @example
 * await withSource({ db: opts.db, command: 'devices' }, async (source) => print(await source.listDevices()));
 */
export async function withSource<T>(options: SourceOptions, run: (source: DataSource) => Promise<T>): Promise<T> {
  const source = await openDataSource(options);
  try {
    return await run(source);
  } finally {
    await source.close();
  }
}

/**
 * The API of the collector named by `server`; else a PGlite directory held by `rollcall serve`
 * through that server's HTTP API (one process per directory); anything else opened directly.
 */
export async function openDataSource(options: SourceOptions): Promise<DataSource> {
  if (options.server) return serverSource(options.server);
  const target = databaseTarget(options.db);
  // Loaded only here: a command through a server never loads the database drivers (or zod).
  const holder = target.kind === 'pglite' ? (await import('../db/lock.ts')).lockHolder(target.dir) : undefined;
  if (holder?.url) return serverSource(holder.url);
  const { openDatabaseSource } = await import('./database-source.ts');
  return openDatabaseSource(target, options.command);
}
