import { neighbourEntry, type NeighbourState } from './normalise.ts';
import type { NeighbourEntry, NeighbourProbe } from './types.ts';

/**
 * iproute2 prints the NUD state bits as an array of names, in this order (ip/ipneigh.c);
 * the kernel sets one bit at a time, so the first name we know is the state.
 */
const NUD_STATES: Record<string, NeighbourState> = {
  INCOMPLETE: 'incomplete',
  REACHABLE: 'reachable',
  STALE: 'stale',
  DELAY: 'delay',
  PROBE: 'probe',
  FAILED: 'failed',
  NOARP: 'noarp',
  PERMANENT: 'permanent',
};

/** `"state"` is left out when no NUD bit is set (e.g. `extern_learn` entries). */
function nudState(state: unknown): NeighbourState {
  if (!Array.isArray(state)) return 'unknown';
  for (const flag of state) {
    const known = typeof flag === 'string' ? NUD_STATES[flag] : undefined;
    if (known) return known;
  }
  return 'unknown';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Parses `ip -j neigh show`: a JSON array of `{dst, dev, lladdr?, router?: null, proxy?: null,
 * state?: [...]}`. Flags such as router/proxy are keys with a null value. Proxy entries are
 * addresses this host answers ARP/NDP for, not devices, so they are skipped.
 * Throws when the output is not a JSON array (e.g. an iproute2 without JSON support).
 */
export function parseIpNeigh(stdout: string): NeighbourEntry[] {
  const output = stdout.trim();
  if (output === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch (error) {
    throw new Error(`ip neigh: output is not JSON (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new Error('ip neigh: output is not a JSON array');

  const entries: NeighbourEntry[] = [];
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null || 'proxy' in item) continue;
    const neighbour = item as Record<string, unknown>;
    const entry = neighbourEntry({
      ip: text(neighbour.dst),
      mac: text(neighbour.lladdr),
      interface: text(neighbour.dev),
      state: nudState(neighbour.state),
    });
    if (entry) entries.push(entry);
  }
  return entries;
}

export const linuxIpProbe: NeighbourProbe = {
  name: 'ip-neigh',
  platforms: ['linux'],
  command: 'ip',
  args: ['-j', 'neigh', 'show'],
  parse: parseIpNeigh,
};
