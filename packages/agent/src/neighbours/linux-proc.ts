import { neighbourEntry, type NeighbourState } from './normalise.ts';
import type { NeighbourEntry, NeighbourProbe } from './types.ts';

// ATF_* flags of <linux/if_arp.h>. The kernel shows ATF_COM for every valid NUD state (reachable,
// stale, delay, probe, noarp), ATF_PERM|ATF_COM (0x6) for permanent ones, 0x0 for incomplete and
// failed ones, and ATF_PUBL|ATF_PERM (0xc) for proxy ARP entries.
const ATF_COM = 0x2;
const ATF_PERM = 0x4;
const ATF_PUBL = 0x8;

function arpState(flags: number): NeighbourState {
  if (flags & ATF_PERM) return 'permanent';
  if (flags & ATF_COM) return 'reachable';
  return 'incomplete';
}

/**
 * Parses `/proc/net/arp` (IPv4 only): a header line, then
 * `IP address  HW type  Flags  HW address  Mask  Device` columns separated by spaces.
 * Proxy ARP entries (this host answering for an address) are skipped; so is any unreadable line.
 */
export function parseProcNetArp(stdout: string): NeighbourEntry[] {
  const entries: NeighbourEntry[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 6) continue; // the header has 9 words, blank lines 1
    const [ip = '', , flagsHex = '', mac = '', , device = ''] = fields;
    if (!/^0x[0-9a-f]+$/i.test(flagsHex)) continue;
    const flags = Number.parseInt(flagsHex.slice(2), 16);
    if (flags & ATF_PUBL) continue;
    const entry = neighbourEntry({ ip, mac, interface: device, state: arpState(flags) });
    if (entry) entries.push(entry);
  }
  return entries;
}

export const linuxProcProbe: NeighbourProbe = {
  name: 'proc-net-arp',
  platforms: ['linux'],
  command: 'cat',
  args: ['/proc/net/arp'],
  parse: parseProcNetArp,
};
