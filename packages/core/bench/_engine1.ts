import { reconcile } from '/work/main/packages/core/src/index.ts';
const N = Number(process.env.BENCH_N ?? 1_000_000);
const AS_OF = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const mac = (n: number) => `00:1b:21:${hex((n >> 16) & 0xff, 2)}:${hex((n >> 8) & 0xff, 2)}:${hex(n & 0xff, 2)}`;
const serial = (n: number) => `SN${hex(n, 8).toUpperCase()}`;
function fleet(n: number) {
  const statuses = ['deployed', 'deployed', 'deployed', 'deployed', 'deployed', 'deployed', 'in_stock', 'retired', 'in_repair', 'lost'] as const;
  const assets: any[] = []; const observations: any[] = [];
  for (let i = 0; i < n; i++) {
    assets.push({ assetTag: `A${i}`, name: `host-${i}`, serial: serial(i), smbiosUuid: null, macs: [mac(i)], status: statuses[i % 10]! });
    const r = i % 20;
    const base = { hostname: null, serial: null, uuid: null, macs: [] as string[], ips: [] as string[], vendor: null, model: null };
    const seenAt = new Date(AS_OF.getTime() - (r < 2 ? 40 : r % 7) * DAY);
    if (r < 14) observations.push({ ...base, source: `agent:${i}`, seenAt, hostname: `host-${i}.corp.example`, serial: serial(i), macs: [mac(i)], ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`] });
    else if (r < 17) observations.push({ ...base, source: 'snmp:core-sw', seenAt, macs: [mac(i).toUpperCase().replaceAll(':', '-')] });
    else if (r < 19) observations.push({ ...base, source: 'arp:branch', seenAt, macs: [mac(n + i)] });
    else observations.push({ ...base, source: 'import:dhcp', seenAt, hostname: `host-${i}` });
  }
  return { assets, observations };
}
const revive = (key: string, value: unknown) => (key === 'seenAt' ? new Date(value as string) : value);
const load = (items: any[]) => items.map((item) => JSON.parse(JSON.stringify(item), revive));
reconcile(fleet(20_000).assets, fleet(20_000).observations, { asOf: AS_OF, ghostAfterDays: 30 });
const f = fleet(N); const data = { assets: load(f.assets), observations: load(f.observations) };
(globalThis as any).gc?.();
console.error('--- start');
const t = performance.now();
const result = reconcile(data.assets, data.observations, { asOf: AS_OF, ghostAfterDays: 30 });
console.error('--- end', ((performance.now() - t) / 1000).toFixed(2), result.findings.length);
(globalThis as any).gc();
const before = process.memoryUsage().heapUsed;
console.error('heap with result', (before / 1e6).toFixed(0), 'MB');
const keep = result.findings.length;
(result as any).findings = null;
(globalThis as any).gc();
console.error('heap without result', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'MB; per finding', ((before - process.memoryUsage().heapUsed) / keep).toFixed(0), 'B');
data.observations = null as any; data.assets = null as any; (f as any).assets = null; (f as any).observations = null;
(globalThis as any).gc();
console.error('heap without inputs', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'MB');
