import { neighbourEntry } from './normalise.ts';
import type { NeighbourEntry, NeighbourProbe } from './types.ts';

/**
 * `host (ip) at mac on ifname [ifscope] [permanent] [published ...] [type]`, where host is `?` with
 * -n or when the name does not resolve, mac is `(incomplete)` while unresolved, and BSD prints the
 * MAC with `%x` octets (`0:1b:a9:77:8:99`). FreeBSD also prints `expires in N seconds` / `expired`.
 */
const ARP_LINE = /^\S+ \(([^()\s]+)\) at (\S+)(?: on (\S+))?(.*)$/;

/**
 * Parses BSD/macOS `arp -an` (IPv4 only). BSD arp shows no reachability state, so a resolved entry
 * is 'unknown' unless `permanent` (static, multicast). `published` entries are this host's own
 * proxy ARP entries, not devices, and are skipped; so is any unreadable line.
 */
export function parseDarwinArp(stdout: string): NeighbourEntry[] {
  const entries: NeighbourEntry[] = [];
  for (const line of stdout.split('\n')) {
    const match = ARP_LINE.exec(line.trim());
    if (!match) continue;
    const [, ip = '', mac = '', device = '', rest = ''] = match;
    const words = rest.trim().split(/\s+/);
    if (words.includes('published')) continue;
    const entry = neighbourEntry({
      ip,
      mac: mac === '(incomplete)' ? '' : mac,
      interface: device,
      state: words.includes('permanent') ? 'permanent' : 'unknown',
    });
    if (entry) entries.push(entry);
  }
  return entries;
}

export const darwinArpProbe: NeighbourProbe = {
  name: 'arp',
  platforms: ['darwin'],
  command: 'arp',
  args: ['-an'],
  parse: parseDarwinArp,
};
