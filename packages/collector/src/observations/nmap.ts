import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { normalizeMac, type Observation } from '@rollcall/core';
import { RollcallError } from '../errors.ts';
import { isDateInRange, MAX_IDENTIFIER_LENGTH } from '../limits.ts';
import { describeUnstorable, findUnstorableText, unstorableText } from '../storable-text.ts';

// The parts of nmap's -oX output we read (https://nmap.org/book/nmap-dtd.html). Attributes carry
// the `@_` prefix; an element without children or attributes (`<hostnames>\n</hostnames>`) parses as ''.
interface NmapAddress {
  '@_addr'?: string;
  '@_addrtype'?: string;
  '@_vendor'?: string;
}
interface NmapHostname {
  '@_name'?: string;
  '@_type'?: string;
}
interface NmapHost {
  '@_endtime'?: string;
  status?: { '@_state'?: string };
  address?: NmapAddress[];
  hostnames?: { hostname?: NmapHostname[] } | '';
}
interface NmapRun {
  '@_start'?: string;
  host?: NmapHost[];
  runstats?: { finished?: { '@_time'?: string } };
}

const ALWAYS_ARRAYS = new Set(['host', 'address', 'hostname']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseAttributeValue: false, // keep `addr`, `endtime` … as written
  isArray: (tagName, _jPath, _isLeaf, isAttribute) => !isAttribute && ALWAYS_ARRAYS.has(tagName),
});

/**
 * Observations from an `nmap -oX` scan: one per host that is up, with its IP, MAC (and the MAC's
 * vendor as nmap names it) and hostname (the name given on the command line, else the first
 * reverse-DNS name). Hosts that are down are only counted.
 */
export function parseNmapXml(xml: string, options: { source: string }): { observations: Observation[]; hostsDown: number } {
  const badSource = unstorableText(options.source) ?? (options.source.length > MAX_IDENTIFIER_LENGTH ? `at most ${MAX_IDENTIFIER_LENGTH} characters` : undefined);
  if (badSource) throw new RollcallError('BAD_INPUT', `the observation source ${JSON.stringify(options.source.slice(0, 80))}: ${badSource}`);
  const run = readNmapRun(xml);
  const observations: Observation[] = [];
  let hostsDown = 0;
  for (const host of run.host ?? []) {
    if (host.status?.['@_state'] !== 'up') {
      hostsDown++;
      continue;
    }
    const addresses = host.address ?? [];
    const macAddresses = addresses.filter((address) => address['@_addrtype'] === 'mac');
    const observation: Observation = {
      source: options.source,
      seenAt: seenAt(host, run),
      hostname: preferredHostname(host),
      serial: null,
      uuid: null,
      macs: unique(macAddresses.map((address) => normalizeMac(address['@_addr']))),
      ips: unique(
        addresses
          .filter((address) => address['@_addrtype'] === 'ipv4' || address['@_addrtype'] === 'ipv6')
          .map((address) => address['@_addr']?.toLowerCase() ?? null),
      ),
      vendor: macAddresses.find((address) => address['@_vendor'])?.['@_vendor'] ?? null,
      model: null,
    };
    const unstorable = findUnstorableText(observation);
    if (unstorable) throw new RollcallError('BAD_INPUT', `nmap XML host ${observation.ips[0] ?? observation.macs[0] ?? ''}: ${describeUnstorable(unstorable, 'host')}`);
    observations.push(observation);
  }
  return { observations, hostsDown };
}

// nmap -oX writes `<!DOCTYPE nmaprun>` and nothing more: a document type with declarations
// (entities, an external DTD) is no nmap output, and reading it could fetch files or expand
// entities without end.
const DOCTYPE = /<!DOCTYPE\b([^>]*)>?/i;
const NMAP_DOCTYPE = /^\s+nmaprun\s*$/;

function readNmapRun(xml: string): NmapRun {
  if (xml.trim() === '') throw new RollcallError('BAD_INPUT', 'the nmap XML file is empty');
  const doctype = DOCTYPE.exec(xml);
  if ((doctype && !NMAP_DOCTYPE.test(doctype[1] ?? '')) || /<!ENTITY\b/i.test(xml)) {
    throw new RollcallError(
      'BAD_INPUT',
      'not an nmap XML file: it declares a document type or entities (nmap -oX writes only <!DOCTYPE nmaprun>); entities and external DTDs are not read',
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new RollcallError('BAD_INPUT', `not a well-formed nmap XML file: ${describeXmlError(valid.err)}`);
  const document = parser.parse(xml) as { nmaprun?: NmapRun | '' };
  if (document.nmaprun === undefined) {
    const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'none';
    throw new RollcallError(
      'BAD_INPUT',
      `not nmap XML output: the root element is <${root}>, expected <nmaprun> (write it with nmap -oX FILE)`,
    );
  }
  return document.nmaprun === '' ? {} : document.nmaprun;
}

function describeXmlError({ msg, line, col }: { msg: string; line: number; col?: number }): string {
  // fast-xml-parser reports unclosed elements as `Unclosed tag 'nmaprun'.` or, for several,
  // `Invalid '["nmaprun", "host"]' found.`
  const one = /^Unclosed tag '(.+)'\.$/.exec(msg)?.[1];
  const several = /^Invalid '(\[.*\])' found\.$/s.exec(msg)?.[1];
  const unclosed = one !== undefined ? [one] : several !== undefined ? (JSON.parse(several) as string[]) : [];
  if (unclosed.length > 0) {
    const tags = unclosed.map((tag) => `<${tag}>`).join(', ');
    return `it ends before ${tags} ${unclosed.length > 1 ? 'are' : 'is'} closed (was the scan interrupted?)`;
  }
  return `line ${line}${col === undefined ? '' : `, column ${col}`}: ${msg}`;
}

/** When nmap finished with the host, else when the scan finished, else when it started. */
function seenAt(host: NmapHost, run: NmapRun): Date {
  const times = { 'host endtime': host['@_endtime'], 'runstats/finished time': run.runstats?.finished?.['@_time'], 'nmaprun start': run['@_start'] };
  for (const [what, seconds] of Object.entries(times)) {
    if (seconds === undefined || !/^\d+$/.test(seconds)) continue;
    const date = new Date(Number(seconds) * 1000);
    if (!isDateInRange(date)) throw new RollcallError('BAD_INPUT', `nmap XML ${what} ${JSON.stringify(seconds)} is no time between 1970 and 9999 (seconds since 1970 expected)`);
    return date;
  }
  throw new RollcallError('BAD_INPUT', 'nmap XML has no time: neither host endtime, runstats/finished time nor nmaprun start (import the file `nmap -oX` wrote, unedited)');
}

/** The name the user scanned the host by, else its first reverse-DNS (PTR) name. */
function preferredHostname(host: NmapHost): string | null {
  const names = (host.hostnames === '' ? undefined : host.hostnames?.hostname) ?? [];
  const named = names.filter((hostname) => hostname['@_name']);
  const ofType = (type: string) => named.find((hostname) => hostname['@_type'] === type);
  const chosen = ofType('user') ?? ofType('PTR') ?? named[0];
  return chosen?.['@_name'] ?? null;
}

function unique(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value != null && value !== ''))];
}
