import { runCommandProbe, type RunProbeOptions } from '../probe.ts';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

export interface CollectSoftwareOptions extends RunProbeOptions {
  platform?: NodeJS.Platform;
}

/** Runs every software probe for this platform and merges what they list. */
export async function collectSoftware(probes: SoftwareProbe[], options: CollectSoftwareOptions): Promise<SoftwareEntry[]> {
  const platform = options.platform ?? process.platform;
  const lists = await Promise.all(
    probes.filter((probe) => probe.platforms.includes(platform)).map((probe) => runCommandProbe(probe, probe.source, options)),
  );
  return lists.flat();
}
