import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { uptime } from 'node:os';
import { promisify } from 'node:util';
import type { MetricsSample } from './aggregate.ts';
import { isPseudoFs, round } from './units.ts';

// Linux usage straight from /proc: a few small file reads per sample and no process spawns, so
// sampling every minute costs the machine next to nothing (systeminformation spawns `cat` per NIC).

const run = promisify(execFile);

export interface CpuTimes {
  busy: number;
  total: number;
}

/** The aggregate `cpu` line of /proc/stat: jiffies busy and in total (idle and iowait are not busy). */
export function parseProcStat(text: string): CpuTimes {
  const line = text.slice(0, text.indexOf('\n'));
  if (!line.startsWith('cpu ')) throw new Error('/proc/stat does not start with a cpu line');
  // user nice system idle iowait irq softirq steal [guest guest_nice: already inside user/nice]
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.slice(4).trim().split(/\s+/).map(Number);
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}

/** CPU busy % between two readings of /proc/stat (since boot when there is no earlier one). */
export function cpuPercentBetween(before: CpuTimes | undefined, now: CpuTimes): number {
  const total = now.total - (before?.total ?? 0);
  const busy = now.busy - (before?.busy ?? 0);
  return total > 0 ? round((busy / total) * 100) : 0;
}

/** Memory in use as the kernel counts it for new allocations: MemTotal − MemAvailable. */
export function parseMeminfoUsedPercent(text: string): number {
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  const total = kb('MemTotal');
  let available = kb('MemAvailable');
  if (Number.isNaN(available)) available = kb('MemFree') + (kb('Buffers') || 0) + (kb('Cached') || 0); // kernels < 3.14
  if (!(total > 0) || Number.isNaN(available)) throw new Error('/proc/meminfo has no MemTotal/MemAvailable');
  return round(((total - available) / total) * 100);
}

/** Bytes received and sent since boot, summed over every interface but loopback. */
export function parseNetDev(text: string): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const iface = line.slice(0, colon).trim();
    if (iface === 'lo') continue;
    const fields = line.slice(colon + 1).trim().split(/\s+/);
    rx += Number(fields[0]) || 0;
    tx += Number(fields[8]) || 0;
  }
  return { rx, tx };
}

/**
 * Real filesystems' mount points from /proc/self/mounts (octal escapes such as `\040` undone). A
 * device mounted at several places (bind mounts) counts once, at its first mount point, as in `df`.
 */
export function parseMounts(text: string): string[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const byDevice = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [device, mount, type] = line.split(' ');
    if (!device || !mount || !type || isPseudoFs(type) || byDevice.has(device)) continue;
    byDevice.set(device, unescape(mount));
  }
  return [...byDevice.values()];
}

/** The executable name from /proc/<pid>/stat, or null for kernel threads (children of kthreadd, pid 2). */
export function parseProcessStat(text: string): string | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')'); // the name itself may contain ')'
  if (open < 0 || close < open) return null;
  const pid = Number(text.slice(0, open));
  const ppid = Number(text.slice(close + 2).split(' ')[1]);
  if (pid === 2 || ppid === 2) return null;
  return text.slice(open + 1, close) || null;
}

/** Takes usage samples from /proc; keeps the last CPU reading so each sample covers the time since the one before. */
export class ProcfsSampler {
  private lastCpu: CpuTimes | undefined;

  async sample(withSlowParts: boolean): Promise<MetricsSample> {
    // Synchronous on purpose: these files are generated in memory by the kernel and read in
    // microseconds, and the agent then never needs the libuv thread pool between reports.
    const stat = readFileSync('/proc/stat', 'utf8');
    const meminfo = readFileSync('/proc/meminfo', 'utf8');
    const netDev = readFileSync('/proc/net/dev', 'utf8');
    const [mounts, users] = await Promise.all([
      withSlowParts ? mountUsage() : Promise.resolve([]),
      withSlowParts ? loggedInUsers() : Promise.resolve([]),
    ]);
    const cpu = parseProcStat(stat);
    const cpuPercent = cpuPercentBetween(this.lastCpu, cpu);
    this.lastCpu = cpu;
    const net = parseNetDev(netDev);
    return {
      atMs: Date.now(),
      cpuPercent,
      memoryUsedPercent: parseMeminfoUsedPercent(meminfo),
      mounts,
      netRxBytes: net.rx,
      netTxBytes: net.tx,
      uptimeSeconds: Math.round(uptime()),
      users,
    };
  }
}

/** Size and use of each real filesystem, as `df` computes it (used / (used + available to users)). */
async function mountUsage(): Promise<MetricsSample['mounts']> {
  const mounts = parseMounts(readFileSync('/proc/self/mounts', 'utf8'));
  const usage = await Promise.all(
    mounts.map(async (mount) => {
      const fs = await statfs(mount).catch(() => null); // unreadable or gone since: leave it out
      if (!fs || fs.blocks === 0) return null;
      const used = fs.blocks - fs.bfree;
      const usable = used + fs.bavail;
      return { mount, sizeBytes: fs.blocks * fs.bsize, usedPercent: usable > 0 ? round((used / usable) * 100) : 0 };
    }),
  );
  return usage.filter((m) => m !== null);
}

/** Names of logged-in users (`who -q`: the names on its first line); none when `who` is missing. */
async function loggedInUsers(): Promise<string[]> {
  try {
    const { stdout } = await run('who', ['-q'], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, LC_ALL: 'C' } });
    return [...new Set(stdout.split('\n')[0]!.split(/\s+/).filter(Boolean))];
  } catch {
    return [];
  }
}

/**
 * Distinct names of the running processes, kernel threads left out. Read one file at a time, and
 * synchronously: the async readFile of a file whose size the kernel reports as 0 allocates 64 KB
 * up front, so reading every process's at once took 64 KB × processes (25 MB on a desktop with
 * 400) each report, which the daemon's RSS kept. A few hundred reads of /proc take milliseconds.
 */
export function procfsProcessNames(): string[] {
  const names = new Set<string>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process has exited since readdir
    }
    const name = parseProcessStat(stat);
    if (name !== null) names.add(name);
  }
  return [...names];
}
