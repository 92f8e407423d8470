import { darwinArpProbe } from './darwin-arp.ts';
import { linuxIpProbe } from './linux-ip.ts';
import { linuxProcProbe } from './linux-proc.ts';
import type { NeighbourProbe } from './types.ts';
import { windowsNeighbourProbe } from './windows.ts';

/** Every neighbour-table probe; on Linux, ip comes first: /proc/net/arp is its IPv4-only fallback. */
export const NEIGHBOUR_PROBES: NeighbourProbe[] = [linuxIpProbe, linuxProcProbe, darwinArpProbe, windowsNeighbourProbe];
