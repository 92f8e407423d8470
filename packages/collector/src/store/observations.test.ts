import type { Observation } from '@rollcall/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { ObservationStore } from './observations.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T08:00:00Z');
const sighting = (source: string, day: number, fields: Partial<Observation> = {}): Observation => ({
  source, seenAt: new Date(T0 + day * DAY), hostname: null, serial: null, uuid: null, macs: [], ips: [], vendor: null, model: null, ...fields,
});

describe.each(testBackends())('ObservationStore on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let store: ObservationStore;

  beforeAll(async () => {
    if (!backend.available) return;
    store = new ObservationStore(suite.database.db);
    const laptop = { hostname: 'lt-1', serial: 'S1', macs: ['00:1b:21:00:00:01'], ips: ['10.0.0.5'] };
    await store.insertMany(
      [
        // The same inventory every day for ten days, then from a new address.
        ...Array.from({ length: 10 }, (_, day) => sighting('agent:a1', day, laptop)),
        sighting('agent:a1', 10, { ...laptop, ips: ['10.0.0.9'] }),
        // A printer in a router's ARP table on days 2 and 7; once by a scan.
        sighting('arp:rt-1', 2, { macs: ['3c:2a:f4:00:00:01'], ips: ['10.0.0.50'] }),
        sighting('arp:rt-1', 7, { macs: ['3c:2a:f4:00:00:01'], ips: ['10.0.0.50'] }),
        sighting('import:nmap', 4, { ips: ['10.0.0.50'] }),
      ],
      new Date(),
    );
  });

  const shape = (rows: Observation[]) => rows.map((o) => [o.source, o.ips.join(' '), o.firstSeenAt?.toISOString() ?? null, o.seenAt.toISOString()]);
  const at = (day: number) => new Date(T0 + day * DAY).toISOString();

  it.skipIf(!backend.available)('folds repeated sightings into one, first and last seen, oldest first', async () => {
    expect(shape(await store.until(new Date(T0 + 30 * DAY)))).toEqual([
      ['agent:a1', '10.0.0.5', at(0), at(9)],
      ['arp:rt-1', '10.0.0.50', at(2), at(7)],
      ['import:nmap', '10.0.0.50', null, at(4)], // seen once: no run
      ['agent:a1', '10.0.0.9', null, at(10)],
    ]);
  });

  it.skipIf(!backend.available)('is exact as of any moment: the last sighting up to it, not after', async () => {
    expect(shape(await store.until(new Date(T0 + 5 * DAY + 1)))).toEqual([
      ['agent:a1', '10.0.0.5', at(0), at(5)],
      ['arp:rt-1', '10.0.0.50', null, at(2)],
      ['import:nmap', '10.0.0.50', null, at(4)],
    ]);
    expect(await store.until(new Date(T0 - 1))).toEqual([]);
  });

  it.skipIf(!backend.available)('finds stored sightings, newest first, by source, MAC in any notation, IP, serial or hostname start', async () => {
    const find = async (filter: { source?: string; find?: string }, limit = 100) =>
      (await store.search(filter, { limit, offset: 0 })).map((o) => `${o.source}@${(o.seenAt.getTime() - T0) / DAY}`);
    expect(await find({ find: '3C-2A-F4-00-00-01' })).toEqual(['arp:rt-1@7', 'arp:rt-1@2']);
    expect(await find({ find: '10.0.0.50' })).toEqual(['arp:rt-1@7', 'import:nmap@4', 'arp:rt-1@2']);
    expect(await find({ find: '10.0.0.50', source: 'import:nmap' })).toEqual(['import:nmap@4']);
    expect(await find({ find: 's1' }, 2)).toEqual(['agent:a1@10', 'agent:a1@9']);
    expect(await find({ find: 'LT-' }, 1)).toEqual(['agent:a1@10']);
    expect(await find({ find: 'lt_%' })).toEqual([]); // LIKE's wildcards are taken literally
    expect((await store.search({}, { limit: 3, offset: 12 })).map((o) => (o.seenAt.getTime() - T0) / DAY)).toEqual([1, 0]); // 14 in all
  });

  it.skipIf(!backend.available)('prunes sightings seen before a moment, and only those', async () => {
    expect(await store.prune(new Date(T0 + 3 * DAY))).toBe(4); // agent days 0–2, ARP day 2
    expect(shape(await store.until(new Date(T0 + 30 * DAY)))).toEqual([
      ['agent:a1', '10.0.0.5', at(3), at(9)],
      ['import:nmap', '10.0.0.50', null, at(4)],
      ['arp:rt-1', '10.0.0.50', null, at(7)],
      ['agent:a1', '10.0.0.9', null, at(10)],
    ]);
  });
});
