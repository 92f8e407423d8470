import si from 'systeminformation';
import type { MetricsSample } from './aggregate.ts';

// Mounts that say nothing about the machine's storage.
const PSEUDO_FS = /^(tmpfs|devtmpfs|overlay|squashfs|proc|sysfs|cgroup2?|nsfs|autofs|efivarfs|ramfs)$/;

/**
 * Reads the machine's usage now. `withSlowParts` adds disk usage and logged-in users, which cost a
 * process spawn each (df, who) and change slowly: the agent reads them once per report, not per sample.
 */
export async function takeSample(withSlowParts = true): Promise<MetricsSample> {
  const [load, mem, net, time, fs, users] = await Promise.all([
    si.currentLoad(),
    si.mem(),
    si.networkStats('*'),
    si.time(),
    withSlowParts ? si.fsSize() : Promise.resolve([]),
    withSlowParts ? si.users() : Promise.resolve([]),
  ]);
  const nics = net.filter((n) => n.iface !== 'lo' && !n.iface.startsWith('lo'));
  return {
    atMs: Date.now(),
    cpuPercent: round(load.currentLoad),
    memoryUsedPercent: round(mem.total > 0 ? (mem.active / mem.total) * 100 : 0),
    mounts: fs.filter((f) => !PSEUDO_FS.test(f.type) && f.size > 0).map((f) => ({ mount: f.mount, sizeBytes: f.size, usedPercent: round(f.use) })),
    netRxBytes: nics.reduce((sum, n) => sum + (n.rx_bytes || 0), 0),
    netTxBytes: nics.reduce((sum, n) => sum + (n.tx_bytes || 0), 0),
    uptimeSeconds: Math.round(Number(time.uptime) || 0),
    users: users.map((u) => u.user).filter(Boolean),
  };
}

/** Names of the running processes, for software metering: taken once per report (it costs ~90 ms). */
export async function runningProcessNames(): Promise<string[]> {
  const processes = await si.processes();
  return [...new Set(processes.list.map((p) => p.name).filter(Boolean))];
}

const round = (n: number) => Math.round((Number.isFinite(n) ? n : 0) * 100) / 100;
