import { DEFAULT_SNMP_OPTIONS, SnmpTimeoutError, type SnmpOptions } from './snmp.ts';
import { expandTargets, type SweepAddress, type SweepTarget } from './targets.ts';
import { walkDevice, type DeviceWalk } from './walk.ts';

export interface SweepOptions extends SnmpOptions {
  /** Hosts probed at the same time (default 32). */
  concurrency?: number;
  /** Called after each address, for progress bars. */
  onProgress?: (progress: { done: number; total: number; responded: number }) => void;
  /** Each device as soon as its walk is done, for streaming results (agents send them on). */
  onDevice?: (device: DeviceWalk) => void;
  signal?: AbortSignal;
}

/** How a sweep talks to each host when nothing else is said. */
export const DEFAULT_SWEEP_OPTIONS = { timeoutMs: DEFAULT_SNMP_OPTIONS.timeoutMs, retries: DEFAULT_SNMP_OPTIONS.retries, concurrency: 32 };

export interface SweepSummary {
  addresses: number;
  responded: number;
  /** Hosts that answered no community: down, filtered or not speaking SNMP. Counted, not errors. */
  timedOut: number;
  /** Hosts that answered but broke the protocol; the reason for each (never a community string). */
  failed: { address: string; error: string }[];
  devices: DeviceWalk[];
  neighbours: number;
  durationMs: number;
}

/**
 * Probes every address of the targets, `concurrency` at a time, trying each community in turn,
 * and walks every device that answers. A host that never answers costs timeout × (retries + 1)
 * per community and is counted as timed out.
 */
export async function sweep(targets: SweepTarget[], options: SweepOptions = {}): Promise<SweepSummary> {
  const started = performance.now();
  const addresses = expandTargets(targets);
  const summary: SweepSummary = { addresses: addresses.length, responded: 0, timedOut: 0, failed: [], devices: [], neighbours: 0, durationMs: 0 };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < addresses.length && !options.signal?.aborted) {
      const address = addresses[next++]!;
      const outcome = await probe(address, options);
      if (outcome.device) {
        summary.responded++;
        summary.devices.push(outcome.device);
        summary.neighbours += outcome.device.arp.length + outcome.device.fdb.length + outcome.device.lldp.length;
        options.onDevice?.(outcome.device);
      } else if (outcome.error) summary.failed.push({ address: address.host, error: outcome.error });
      else summary.timedOut++;
      options.onProgress?.({ done: ++done, total: addresses.length, responded: summary.responded });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_SWEEP_OPTIONS.concurrency, addresses.length) }, worker));
  summary.devices.sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
  summary.durationMs = performance.now() - started;
  return summary;
}

async function probe({ host, target }: SweepAddress, options: SnmpOptions): Promise<{ device?: DeviceWalk; error?: string }> {
  for (const community of target.communities) {
    try {
      return { device: await walkDevice({ host, port: target.port, community, version: target.version }, options) };
    } catch (error) {
      if (error instanceof SnmpTimeoutError) continue; // down, or the wrong community: try the next one
      return { error: (error as Error).message };
    }
  }
  return {};
}
