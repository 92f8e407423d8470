import { runPlatformProbes, type RunProbeOptions } from '../probe.ts';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

export interface CollectSoftwareOptions extends RunProbeOptions {
  platform?: NodeJS.Platform;
}

/** Runs every software probe for this platform and merges what they list. */
export async function collectSoftware(probes: SoftwareProbe[], options: CollectSoftwareOptions): Promise<SoftwareEntry[]> {
  return (await runPlatformProbes(probes, (probe) => probe.source, options)).flat();
}
