import ipaddr from 'ipaddr.js';

/** A host or range to sweep and the credentials to try there, in order. */
export interface SweepTarget {
  /** An IP address, a CIDR range ("10.1.0.0/24") or a host name. */
  range: string;
  /** Community strings to try, in order (SNMP v1/v2c). */
  communities: string[];
  port?: number;
  version?: '1' | '2c';
}

/** One address to probe, with the target it came from. */
export interface SweepAddress {
  host: string;
  target: SweepTarget;
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** A sweep larger than this is refused: almost surely a typo (/8 instead of /24). */
export const MAX_SWEEP_ADDRESSES = 65_536;

/**
 * The addresses to probe: every host of each range (a range's network and broadcast addresses
 * are left out, except in /31 and /32), each address once, the first target naming it winning.
 */
export function expandTargets(targets: SweepTarget[], limit = MAX_SWEEP_ADDRESSES): SweepAddress[] {
  const seen = new Map<string, SweepAddress>();
  for (const target of targets) {
    if (target.communities.length === 0) throw new TargetError(`${target.range}: no community to try`);
    for (const host of hostsOf(target.range, limit)) {
      if (!seen.has(host)) seen.set(host, { host, target });
      if (seen.size > limit) throw new TargetError(`more than ${limit.toLocaleString('en')} addresses to sweep: narrow the ranges`);
    }
  }
  return [...seen.values()];
}

function hostsOf(range: string, limit: number): string[] {
  const text = range.trim();
  if (!text.includes('/')) {
    if (ipaddr.isValid(text)) return [ipaddr.parse(text).toString()];
    if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(text)) return [text]; // a host name
    throw new TargetError(`"${range}" is neither an IP address, a CIDR range nor a host name`);
  }
  let network: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    network = ipaddr.parseCIDR(text);
  } catch {
    throw new TargetError(`"${range}" is not a valid CIDR range (e.g. 10.1.0.0/24)`);
  }
  const [address, prefix] = network;
  if (address.kind() !== 'ipv4') throw new TargetError(`"${range}": IPv6 ranges are too large to sweep; list IPv6 hosts one by one`);
  const size = 2 ** (32 - prefix);
  if (size > limit) throw new TargetError(`"${range}" holds ${size.toLocaleString('en')} addresses, more than the ${limit.toLocaleString('en')} a sweep may probe`);
  const first = toNumber(ipaddr.IPv4.networkAddressFromCIDR(text));
  const hosts: string[] = [];
  const [from, to] = size <= 2 ? [first, first + size - 1] : [first + 1, first + size - 2];
  for (let n = from; n <= to; n++) hosts.push(fromNumber(n));
  return hosts;
}

const toNumber = (ip: ipaddr.IPv4) => ip.octets.reduce((n, octet) => n * 256 + octet, 0);
const fromNumber = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
