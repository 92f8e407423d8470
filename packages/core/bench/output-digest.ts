// Prints a sha256 of the engine's JSON output on 60 seeded random fleets full of traps (junk and
// cloned identifiers, byte-swapped UUIDs, shared dock MACs, randomised MACs, every MAC notation,
// hostname- and IP-only sightings, register duplicates, unknown statuses, sightings after as-of).
// Not a test: run it before and after a performance change, and the two digests must be equal.
// Run: node --import tsx bench/output-digest.ts
import { createHash } from 'node:crypto';
import { reconcile, type AssetIdentity, type FindingKind, type Observation } from '../src/index.ts';

const AS_OF = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const STATUSES = ['planned', 'ordered', 'in_stock', 'deployed', 'deployed', 'deployed', 'deployed', 'in_repair', 'lost', 'retired', 'disposed'];
const JUNK_SERIALS = ['', '0', 'None', 'N/A', 'Default string', 'To Be Filled By O.E.M.', 'System Serial Number', '1234567890', 'aaaa', ' '];
const JUNK_UUIDS = ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '03000200-0400-0500-0006-000700080009'];
const JUNK_MACS = ['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:fb', '20:41:53:59:4e:ff'];

/** mulberry32: small, seeded, good enough to vary fleets reproducibly. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fleet(seed: number): { assets: AssetIdentity[]; observations: Observation[]; ghostAfterDays: number } {
  const r = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(r() * values.length)]!;
  const hex = (k: number, width: number) => Math.floor(k).toString(16).padStart(width, '0');
  const macOf = (k: number, local = false) => `${local ? '02' : '00'}:1b:${hex(seed, 2)}:${hex((k >> 16) & 255, 2)}:${hex((k >> 8) & 255, 2)}:${hex(k & 255, 2)}`;
  const notation = (mac: string) => {
    const v = r();
    if (v < 0.6) return mac;
    if (v < 0.7) return mac.toUpperCase().replaceAll(':', '-');
    const bare = mac.replaceAll(':', '');
    if (v < 0.8) return `${bare.slice(0, 4)}.${bare.slice(4, 8)}.${bare.slice(8)}`;
    return v < 0.9 ? bare.toUpperCase() : ` ${mac.toUpperCase()}`;
  };
  const uuidOf = (k: number) => `${hex(k * 7919 + seed, 8)}-${hex(k % 65536, 4)}-4${hex(k % 4096, 3)}-8${hex(seed, 3)}-${hex(k * 31337, 12)}`;
  const swapped = (uuid: string) => {
    const [a, b, c, ...rest] = uuid.split('-');
    const reverse = (field: string) => field.match(/../g)!.reverse().join('');
    return [reverse(a!), reverse(b!), reverse(c!), ...rest].join('-');
  };
  const serialOf = (k: number) => `SN${seed}X${hex(k, 5).toUpperCase()}`;
  const ipOf = (i: number) => `10.${seed}.${(i >> 8) & 255}.${i & 255}`;
  const dock = macOf(999_999);
  const clonedUuid = uuidOf(888_888);

  const n = 20 + Math.floor(r() * 300);
  const assets: AssetIdentity[] = [];
  for (let i = 0; i < n; i++) {
    const v = r();
    const serial = v < 0.08 ? pick(JUNK_SERIALS) : v < 0.12 ? null : v < 0.15 ? serialOf(Math.floor(r() * n)) : r() < 0.2 ? serialOf(i).toLowerCase() : serialOf(i);
    const uuid = r() < 0.3 ? (r() < 0.1 ? pick(JUNK_UUIDS) : r() < 0.2 ? swapped(uuidOf(i)).toUpperCase() : uuidOf(i)) : null;
    const macs: string[] = [];
    for (let k = Math.floor(r() * 3); k > 0; k--) macs.push(r() < 0.1 ? pick(JUNK_MACS) : r() < 0.05 ? dock : notation(macOf(i * 4 + k)));
    assets.push({
      assetTag: r() < 0.02 && i > 0 ? `T${seed}-${i - 1}` : `T${seed}-${i}`,
      name: r() < 0.7 ? (r() < 0.1 ? 'shared-name' : `Host-${i}${r() < 0.3 ? '.corp.example' : ''}`) : null,
      serial,
      smbiosUuid: uuid,
      macs,
      status: (r() < 0.01 ? 'unknown-status' : pick(STATUSES)) as AssetIdentity['status'],
    });
  }

  const observations: Observation[] = [];
  const m = Math.floor(n * (0.5 + r() * 2));
  for (let j = 0; j < m; j++) {
    const i = Math.floor(r() * n * 1.3); // some beyond the register: shadows
    const kind = r();
    const seenAt = new Date(AS_OF.getTime() - Math.floor((r() * 80 - 5) * DAY) - Math.floor(r() * 86_400) * 1000);
    const o: Observation = { source: 'x', seenAt, hostname: null, serial: null, uuid: null, macs: [], ips: [], vendor: r() < 0.2 ? pick(['Dell Inc.', 'Apple', 'HP']) : null, model: null };
    if (r() < 0.1) o.switchPort = `sw-${Math.floor(r() * 3)} Gi1/0/${Math.floor(r() * 48)}`;
    if (kind < 0.45) {
      o.source = `agent:${i}`;
      o.hostname = r() < 0.9 ? `HOST-${i}.corp.example.` : 'localhost';
      o.serial = r() < 0.07 ? pick(JUNK_SERIALS) : r() < 0.03 ? `OTHER${Math.floor(r() * 5)}` : serialOf(i);
      o.uuid = r() < 0.5 ? (r() < 0.05 ? clonedUuid : r() < 0.05 ? pick(JUNK_UUIDS) : r() < 0.2 ? swapped(uuidOf(i)) : uuidOf(i)) : null;
      for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
        o.macs.push(r() < 0.05 ? dock : r() < 0.05 ? macOf(i * 4 + k, true) : r() < 0.03 ? pick(JUNK_MACS) : notation(macOf(i * 4 + k)));
      }
      o.ips = [ipOf(i)];
    } else if (kind < 0.65) {
      o.source = pick(['snmp:core-sw', 'snmp:edge-1']);
      o.macs = [r() < 0.1 ? macOf(i * 4, true) : r() < 0.05 ? pick(JUNK_MACS) : notation(macOf(i * 4))];
      if (r() < 0.5) o.ips = [ipOf(i)];
    } else if (kind < 0.8) {
      o.source = 'arp:branch';
      o.macs = [r() < 0.3 ? macOf(50_000 + j, true) : notation(macOf(r() < 0.5 ? i * 4 : 70_000 + j))];
      o.ips = [ipOf(i)];
    } else if (kind < 0.9) {
      o.source = 'import:dhcp';
      o.hostname = r() < 0.1 ? 'shared-name' : `host-${i}`;
    } else if (kind < 0.95) {
      o.source = 'import:nmap';
      o.ips = [ipOf(i)];
    } else {
      o.source = 'import:cmdb';
      o.serial = r() < 0.5 ? serialOf(i) : null;
      o.uuid = r() < 0.5 ? uuidOf(i) : null;
      o.hostname = r() < 0.5 ? `Host-${i}` : null;
      if (!o.serial && !o.uuid && !o.hostname) o.macs = [macOf(i * 4 + 1)];
    }
    observations.push(o);
  }
  return { assets, observations, ghostAfterDays: pick([7, 30, 60]) };
}

const digest = createHash('sha256');
const kinds: Partial<Record<FindingKind, number>> = {};
let findings = 0;
for (let seed = 1; seed <= 60; seed++) {
  const { assets, observations, ghostAfterDays } = fleet(seed);
  const macVendor = (mac: string) => (mac.startsWith('00:1b') ? 'Intel Corporate' : null);
  const result = reconcile(assets, observations, { asOf: AS_OF, ghostAfterDays, macVendor });
  digest.update(JSON.stringify(result));
  findings += result.findings.length;
  for (const [kind, count] of Object.entries(result.summary)) kinds[kind as FindingKind] = (kinds[kind as FindingKind] ?? 0) + count;
}
console.log(`${findings} findings ${JSON.stringify(kinds)}`);
console.log(`output sha256 ${digest.digest('hex')}`);
