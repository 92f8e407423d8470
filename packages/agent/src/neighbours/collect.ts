import { runPlatformProbes, type RunProbeOptions } from '../probe.ts';
import { NEIGHBOUR_PROBES } from './probes.ts';
import type { NeighbourEntry, NeighbourProbe } from './types.ts';

/**
 * The machine's neighbour table. Where several probes answer (Linux: `ip neigh` and
 * /proc/net/arp), the first probe's entry for an (ip, mac) pair wins: `ip` knows more states.
 */
export async function collectNeighbours(options: RunProbeOptions & { platform?: NodeJS.Platform; probes?: NeighbourProbe[] }): Promise<NeighbourEntry[]> {
  const lists = await runPlatformProbes(options.probes ?? NEIGHBOUR_PROBES, (probe) => probe.name, options);
  const seen = new Set<string>();
  const entries: NeighbourEntry[] = [];
  for (const entry of lists.flat()) {
    const key = `${entry.ip} ${entry.mac}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  // A stable order, so an unchanged table hashes the same and is not re-sent as a delta.
  return entries.sort((a, b) => a.ip.localeCompare(b.ip) || a.mac.localeCompare(b.mac));
}
