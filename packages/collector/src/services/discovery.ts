import { sweep, type DeviceWalk, type SweepSummary } from '@rollcall/discovery';
import type { Db } from '../db/open.ts';
import { diffWalks } from '../discovery/changes.ts';
import { deviceName, walkObservations } from '../discovery/observations.ts';
import type { SweepRequest } from '../discovery/targets.ts';
import { NetworkDeviceStore } from '../store/network-devices.ts';
import { ObservationStore } from '../store/observations.ts';

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

/** Network discovery: sweeps targets over SNMP and keeps what the devices said. */
export class DiscoveryService {
  readonly devices: NetworkDeviceStore;
  private readonly observations: ObservationStore;

  constructor(db: Db) {
    this.devices = new NetworkDeviceStore(db);
    this.observations = new ObservationStore(db);
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

  /** Stores one walk: its sightings, the device's latest state and what changed since the last walk. */
  async recordWalk(walk: DeviceWalk): Promise<{ observations: number; changes: number }> {
    const at = new Date(walk.walkedAtMs);
    const changes = diffWalks(await this.devices.lastWalk(walk.address), walk);
    const observations = walkObservations(walk, at);
    await this.observations.insertMany(observations, new Date());
    await this.devices.recordWalk(walk, changes, at);
    return { observations: observations.length, changes: changes.length };
  }
}
