import type { MetricsSample } from './aggregate.ts';
import { ProcfsSampler, procfsProcessNames } from './procfs.ts';
import { isPseudoFs, round } from './units.ts';

/**
 * Reads the machine's usage now. `withSlowParts` adds disk usage and logged-in users, which change
 * slowly: the agent reads them once per report, not per sample. Linux reads /proc directly; other
 * systems go through systeminformation, loaded only there so a Linux daemon never holds it idle.
 */
export type TakeSample = (withSlowParts?: boolean) => Promise<MetricsSample>;

export function createSampler(platform: NodeJS.Platform = process.platform): TakeSample {
  if (platform === 'linux') {
    const procfs = new ProcfsSampler();
    return (withSlowParts = true) => procfs.sample(withSlowParts);
  }
  return systeminformationSample;
}

async function systeminformationSample(withSlowParts = true): Promise<MetricsSample> {
  const { default: si } = await import('systeminformation');
  const [load, mem, net, time, fs, users] = await Promise.all([
    si.currentLoad(),
    si.mem(),
    si.networkStats('*'),
    si.time(),
    withSlowParts ? si.fsSize() : Promise.resolve([]),
    withSlowParts ? si.users() : Promise.resolve([]),
  ]);
  const nics = net.filter((n) => !n.iface.startsWith('lo'));
  return {
    atMs: Date.now(),
    cpuPercent: round(load.currentLoad),
    memoryUsedPercent: round(mem.total > 0 ? (mem.active / mem.total) * 100 : 0),
    mounts: fs.filter((f) => !isPseudoFs(f.type) && f.size > 0).map((f) => ({ mount: f.mount, sizeBytes: f.size, usedPercent: round(f.use) })),
    netRxBytes: nics.reduce((sum, n) => sum + (n.rx_bytes || 0), 0),
    netTxBytes: nics.reduce((sum, n) => sum + (n.tx_bytes || 0), 0),
    uptimeSeconds: Math.round(Number(time.uptime) || 0),
    users: [...new Set(users.map((u) => u.user).filter(Boolean))],
  };
}

/** Names of the running processes, for software metering: taken once per report. */
export async function runningProcessNames(platform: NodeJS.Platform = process.platform): Promise<string[]> {
  if (platform === 'linux') return procfsProcessNames();
  const { default: si } = await import('systeminformation');
  const processes = await si.processes();
  return [...new Set(processes.list.map((p) => p.name).filter(Boolean))];
}
