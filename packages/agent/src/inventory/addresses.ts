import type { NetworkInterfaceInfo } from 'node:os';

export interface InterfaceAddresses {
  ipv4: string[];
  ipv6: string[];
}

/**
 * Every address of every interface, from `os.networkInterfaces()`, in the order the OS lists
 * them: systeminformation keeps only the first IPv4 and the first IPv6 of each, which loses
 * aliases, a second prefix and link-local addresses.
 */
export function addressesByInterface(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): Map<string, InterfaceAddresses> {
  const byName = new Map<string, InterfaceAddresses>();
  for (const [name, entries] of Object.entries(interfaces)) {
    const addresses: InterfaceAddresses = { ipv4: [], ipv6: [] };
    for (const entry of entries ?? []) {
      // Node 18.0–18.3 said 4 and 6 instead of 'IPv4' and 'IPv6'.
      const family = String(entry.family);
      const list = family === 'IPv4' || family === '4' ? addresses.ipv4 : family === 'IPv6' || family === '6' ? addresses.ipv6 : undefined;
      if (list && entry.address && !list.includes(entry.address)) list.push(entry.address);
    }
    byName.set(name, addresses);
  }
  return byName;
}
