import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Observation } from '@rollcall/core';
import { RollcallError } from '../errors.ts';
import { parseNmapXml } from './nmap.ts';

const scan = readFileSync(new URL('./fixtures/scan.xml', import.meta.url), 'utf8');

function observation(fields: Partial<Observation> & Pick<Observation, 'seenAt' | 'ips'>): Observation {
  return { source: 'nmap:lab', hostname: null, serial: null, uuid: null, macs: [], vendor: null, model: null, ...fields };
}

/** A minimal nmaprun document around some hosts. */
function nmaprun(hosts: string, { start = '1717406102', runstats = true } = {}): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE nmaprun>',
    `<nmaprun scanner="nmap" args="nmap -sn 203.0.113.0/29" start="${start}" version="7.94" xmloutputversion="1.05">`,
    hosts,
    runstats ? '<runstats><finished time="1717406200" exit="success"/><hosts up="1" down="0" total="1"/></runstats>' : '',
    '</nmaprun>',
  ].join('\n');
}

function parseError(xml: string): RollcallError {
  try {
    parseNmapXml(xml, { source: 'nmap:lab' });
  } catch (error) {
    if (error instanceof RollcallError) return error;
    throw error;
  }
  throw new Error('expected parseNmapXml to throw');
}

describe('parseNmapXml', () => {
  it('reads every host that is up from a real -oX scan and counts the ones that are down', () => {
    expect(parseNmapXml(scan, { source: 'nmap:lab' })).toEqual({
      observations: [
        // Scanned by name: the name given on the command line wins over reverse DNS.
        observation({
          seenAt: new Date('2024-06-03T09:15:08Z'),
          hostname: 'nas01.example.com',
          macs: ['00:11:32:9c:4e:17'],
          ips: ['192.0.2.5'],
          vendor: 'Synology Incorporated',
        }),
        observation({
          seenAt: new Date('2024-06-03T09:15:07Z'),
          hostname: 'pi-lab.corp.example.com',
          macs: ['b8:27:eb:4a:7c:21'],
          ips: ['192.0.2.9'],
          vendor: 'Raspberry Pi Foundation',
        }),
        observation({
          seenAt: new Date('2024-06-03T09:15:08Z'),
          hostname: 'brn3c2af45b11c8.corp.example.com',
          macs: ['3c:2a:f4:5b:11:c8'],
          ips: ['192.0.2.11'],
          vendor: 'Brother Industries',
        }),
        // A randomised (locally administered) MAC: nmap names no vendor, and there is no PTR.
        observation({ seenAt: new Date('2024-06-03T09:15:09Z'), macs: ['da:a1:19:6e:02:4b'], ips: ['192.0.2.12'] }),
        // The scanning machine itself: nmap does not see its own MAC.
        observation({ seenAt: new Date('2024-06-03T09:15:06Z'), hostname: 'scanner01.corp.example.com', ips: ['192.0.2.14'] }),
      ],
      hostsDown: 4,
    });
  });

  it('ignores <hosthint> elements, which repeat hosts found during discovery', () => {
    expect(scan).toContain('<hosthint>');
    const { observations } = parseNmapXml(scan, { source: 'nmap:lab' });
    expect(observations.map(({ ips }) => ips[0])).toEqual(['192.0.2.5', '192.0.2.9', '192.0.2.11', '192.0.2.12', '192.0.2.14']);
  });

  it('reads a lone host with a lone address (always arrays)', () => {
    const xml = nmaprun('<host endtime="1717406150"><status state="up" reason="echo-reply" reason_ttl="54"/><address addr="203.0.113.9" addrtype="ipv4"/></host>');
    expect(parseNmapXml(xml, { source: 'nmap:dmz' })).toEqual({
      observations: [observation({ source: 'nmap:dmz', seenAt: new Date(1717406150 * 1000), ips: ['203.0.113.9'] })],
      hostsDown: 0,
    });
  });

  it('reads IPv6 hosts', () => {
    const xml = nmaprun(
      '<host endtime="1717406150"><status state="up" reason="nd-response" reason_ttl="0"/>' +
        '<address addr="2001:DB8::1:5" addrtype="ipv6"/><address addr="00:11:32:9C:4E:17" addrtype="mac" vendor="Synology Incorporated"/>' +
        '<hostnames><hostname name="nas01.example.com" type="PTR"/></hostnames></host>',
    );
    expect(parseNmapXml(xml, { source: 'nmap:v6' }).observations).toEqual([
      observation({
        source: 'nmap:v6',
        seenAt: new Date(1717406150 * 1000),
        hostname: 'nas01.example.com',
        macs: ['00:11:32:9c:4e:17'],
        ips: ['2001:db8::1:5'],
        vendor: 'Synology Incorporated',
      }),
    ]);
  });

  it('prefers the user-given hostname, else the first PTR', () => {
    const host = (hostnames: string) =>
      nmaprun(`<host endtime="1717406150"><status state="up"/><address addr="198.51.100.4" addrtype="ipv4"/><hostnames>${hostnames}</hostnames></host>`);
    const hostname = (hostnames: string) => parseNmapXml(host(hostnames), { source: 's' }).observations[0]?.hostname;
    expect(hostname('<hostname name="a.example.com" type="PTR"/><hostname name="b.example.com" type="user"/>')).toBe('b.example.com');
    expect(hostname('<hostname name="a.example.com" type="PTR"/><hostname name="c.example.com" type="PTR"/>')).toBe('a.example.com');
    expect(hostname('')).toBeNull();
  });

  it('takes seenAt from the host endtime, else runstats finished, else the scan start', () => {
    const host = (attributes: string) => `<host ${attributes}><status state="up"/><address addr="203.0.113.5" addrtype="ipv4"/></host>`;
    const seenAt = (xml: string) => parseNmapXml(xml, { source: 's' }).observations[0]?.seenAt;
    expect(seenAt(nmaprun(host('starttime="1717406140" endtime="1717406150"')))).toEqual(new Date(1717406150 * 1000));
    expect(seenAt(nmaprun(host('')))).toEqual(new Date(1717406200 * 1000));
    expect(seenAt(nmaprun(host(''), { runstats: false }))).toEqual(new Date(1717406102 * 1000));
  });

  it('throws BAD_INPUT, saying what to import, for an up host with no time anywhere', () => {
    const up = '<host><status state="up"/><address addr="203.0.113.5" addrtype="ipv4"/></host>';
    const error = parseError(nmaprun(up, { start: 'yesterday', runstats: false }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('nmap XML has no time: neither host endtime, runstats/finished time nor nmaprun start (import the file `nmap -oX` wrote, unedited)');
  });

  it('counts hosts that are not up', () => {
    const xml = nmaprun(
      '<host><status state="down" reason="no-response" reason_ttl="0"/><address addr="203.0.113.1" addrtype="ipv4"/></host>' +
        '<host><status state="unknown"/><address addr="203.0.113.2" addrtype="ipv4"/></host>',
    );
    expect(parseNmapXml(xml, { source: 's' })).toEqual({ observations: [], hostsDown: 2 });
  });

  it('accepts a scan that found nothing', () => {
    expect(parseNmapXml(nmaprun(''), { source: 's' })).toEqual({ observations: [], hostsDown: 0 });
  });

  it('throws BAD_INPUT for an interrupted (truncated) scan', () => {
    const truncated = scan.slice(0, scan.indexOf('<host><status state="down" reason="no-response" reason_ttl="0"/>\n<address addr="192.0.2.13"'));
    const error = parseError(truncated);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('not a well-formed nmap XML file: it ends before <nmaprun> is closed (was the scan interrupted?)');
    expect(parseError(scan.slice(0, scan.indexOf('<times srtt="47"'))).message).toContain('it ends before <nmaprun>, <host> are closed');
  });

  it('throws BAD_INPUT for malformed XML, with the line', () => {
    const error = parseError(scan.replace('</hostnames>\n<ports><extraports state="closed" count="15">', '</hostname>\n<ports><extraports state="closed" count="15">'));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toMatch(/^not a well-formed nmap XML file: line 45, column \d+: /);
    expect(parseError('hello').message).toMatch(/^not a well-formed nmap XML file: line 1/);
    expect(parseError('  ').message).toBe('the nmap XML file is empty');
  });

  it('refuses a document type with declarations: external entities, entity expansion, an external DTD', () => {
    const host = '<host><status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/><hostnames><hostname name="&x;"/></hostnames></host>';
    for (const doctype of ['<!DOCTYPE nmaprun [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE nmaprun [<!ENTITY x "xxxxxxxx">]>', '<!DOCTYPE nmaprun SYSTEM "http://203.0.113.1/nmap.dtd">']) {
      const error = parseError(nmaprun(host).replace('<!DOCTYPE nmaprun>', doctype));
      expect([error.code, error.message]).toEqual(['BAD_INPUT', 'not an nmap XML file: it declares a document type or entities (nmap -oX writes only <!DOCTYPE nmaprun>); entities and external DTDs are not read']);
    }
  });

  it('refuses a time that is no date, and a source too long to store', () => {
    const host = '<host endtime="99999999999999"><status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/></host>';
    expect(parseError(nmaprun(host)).message).toBe('nmap XML host endtime "99999999999999" is no time between 1970 and 9999 (seconds since 1970 expected)');
    expect(() => parseNmapXml(nmaprun(''), { source: `import:nmap:${'x'.repeat(300)}` })).toThrow(/^the observation source "import:nmap:x+": at most 255 characters$/);
  });

  it('throws BAD_INPUT for XML that is not nmap output', () => {
    const error = parseError('<?xml version="1.0"?>\n<assets><asset tag="A-1"/></assets>');
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('not nmap XML output: the root element is <assets>, expected <nmaprun> (write it with nmap -oX FILE)');
  });
});
