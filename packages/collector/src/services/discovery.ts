import { randomUUID } from 'node:crypto';
import { jobToWire, sweep, walkFromWire, type DeviceWalk, type SweepSummary } from '@rollcall/discovery';
import type { DiscoveryJob, DiscoveryReport as WireReport } from '@rollcall/protocol';
import { diffWalks } from '../discovery/changes.ts';
import { deviceName, walkObservations } from '../discovery/observations.ts';
import type { SweepRequest } from '../discovery/targets.ts';
import type { Stores } from '../store/index.ts';
import type { NetworkDeviceStore } from '../store/network-devices.ts';
import { stripNulCharacters } from '../storable-text.ts';

/** A sweep's outcome as users see it (CLI summary, API): counts and devices, never credentials. */
export interface DiscoveryReport {
  addresses: number;
  responded: number;
  timedOut: number;
  failed: SweepSummary['failed'];
  devices: { address: string; name: string; vendor: string | null; model: string | null; serial: string | null; interfaces: number; arp: number; fdb: number; lldp: number; problems: string[] }[];
  neighbours: number;
  observations: number;
  changes: number;
  durationMs: number;
}

export type SweepProgress = (progress: { done: number; total: number; responded: number }) => void;

/** A sweep running on an agent: what it has sent so far, and its summary once done. */
export interface AgentJob {
  jobId: string;
  agentId: string;
  startedAt: string;
  devices: { address: string; name: string }[];
  observations: number;
  changes: number;
  done: boolean;
  summary: { addresses: number; responded: number; timedOut: number; failed: string[]; durationMs: number; error: string | null } | null;
}

// Agent jobs are kept in memory for the API to follow (their results are in the database).
const MAX_JOBS = 200;

/** Network discovery: sweeps targets over SNMP and keeps what the devices said. */
export class DiscoveryService {
  /** The walked devices and their changes, as the API lists them. */
  readonly devices: NetworkDeviceStore;
  private readonly jobs = new Map<string, AgentJob>();

  constructor(private readonly stores: Pick<Stores, 'networkDevices' | 'observations'>) {
    this.devices = stores.networkDevices;
  }

  async sweep(request: SweepRequest, onProgress?: SweepProgress): Promise<DiscoveryReport> {
    // Each walk is stored as soon as it is done, one after the other, while the sweep goes on.
    let stored = Promise.resolve({ observations: 0, changes: 0 });
    const summary = await sweep(request.targets, {
      timeoutMs: request.timeoutMs,
      retries: request.retries,
      concurrency: request.concurrency,
      onProgress,
      onDevice: (walk) => {
        stored = stored.then(async (totals) => {
          const recorded = await this.recordWalk(walk);
          return { observations: totals.observations + recorded.observations, changes: totals.changes + recorded.changes };
        });
      },
    });
    const totals = await stored;
    return {
      addresses: summary.addresses,
      responded: summary.responded,
      timedOut: summary.timedOut,
      failed: summary.failed,
      devices: summary.devices.map((d) => ({
        address: d.address,
        name: deviceName(d),
        vendor: d.chassis?.manufacturer ?? d.system.vendor,
        model: d.chassis?.model ?? null,
        serial: d.chassis?.serial ?? null,
        interfaces: d.interfaces.length,
        arp: d.arp.length,
        fdb: d.fdb.length,
        lldp: d.lldp.length,
        problems: d.problems,
      })),
      neighbours: summary.neighbours,
      ...totals,
      durationMs: Math.round(summary.durationMs),
    };
  }

  /** Makes a sweep job for an agent: the Command body and the record the API follows. */
  newAgentJob(agentId: string, request: SweepRequest): DiscoveryJob {
    const jobId = randomUUID();
    this.jobs.set(jobId, { jobId, agentId, startedAt: new Date().toISOString(), devices: [], observations: 0, changes: 0, done: false, summary: null });
    if (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    return jobToWire(jobId, request.targets, request);
  }

  job(jobId: string): AgentJob | undefined {
    return this.jobs.get(jobId);
  }

  /** One frame of an agent's discovery job: a walked device (stored like a local walk) or the summary. */
  async recordAgentReport(agentId: string, report: WireReport): Promise<void> {
    const assigned = this.jobs.get(report.jobId ?? '');
    const job = assigned?.agentId === agentId ? assigned : undefined; // another agent cannot fill in this job
    if (report.device) {
      const walk = walkFromWire(report.device);
      const recorded = await this.recordWalk(walk);
      if (job) {
        job.devices.push({ address: walk.address, name: deviceName(walk) });
        job.observations += recorded.observations;
        job.changes += recorded.changes;
      }
    }
    if (report.summary && job) {
      const s = report.summary;
      job.done = true;
      job.summary = { addresses: s.addresses ?? 0, responded: s.responded ?? 0, timedOut: s.timedOut ?? 0, failed: s.failed ?? [], durationMs: s.durationMs ?? 0, error: s.error || null };
    }
  }

  /** Stores one walk: its sightings, the device's latest state and what changed since the last walk. */
  async recordWalk(walk: DeviceWalk): Promise<{ observations: number; changes: number }> {
    stripNulCharacters(walk); // SNMP strings may be NUL-padded; the database cannot hold NULs
    const at = new Date(walk.walkedAtMs);
    const changes = diffWalks(await this.devices.lastWalk(walk.address), walk);
    const observations = walkObservations(walk, at);
    await this.stores.observations.insertMany(observations, new Date());
    await this.devices.recordWalk(walk, changes, at);
    return { observations: observations.length, changes: changes.length };
  }
}
