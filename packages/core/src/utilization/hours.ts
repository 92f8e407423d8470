const HOUR_MS = 3_600_000;

/** One usage report as the collector stores it: an agent's MetricsBatch (default every 5 minutes). */
export interface UsageReport {
  startMs: number;
  endMs: number;
  cpuAvg: number;
  memoryAvg: number;
  /** Users logged in during the report. */
  users: readonly string[];
  /** Last keyboard or mouse input the OS knew of at the report's end; null (or absent) when it gives no such signal. */
  lastInputMs?: number | null;
}

/** What one clock hour (UTC hour boundaries) of one device looked like. */
export interface UsageHour {
  hourStartMs: number;
  /** Time-weighted average CPU and memory % over the parts of the hour the reports cover. */
  cpuAvg: number;
  memoryAvg: number;
  /** A user was logged in during the hour. */
  userLoggedIn: boolean;
  /** Input seen in the hour: null when no report of the hour carried an input signal. */
  input: boolean | null;
  /**
   * Online (the device reported in this hour) with a user logged in, and used: input seen in the
   * hour where the reports carry an input signal, else average CPU above the threshold.
   */
  inUse: boolean;
}

/** The in-use rule: a user logged in, and input seen (where there is a signal) or CPU above the threshold. */
export function isInUse(hour: Pick<UsageHour, 'userLoggedIn' | 'input' | 'cpuAvg'>, inUseCpuPercent: number): boolean {
  return hour.userLoggedIn && (hour.input ?? hour.cpuAvg > inUseCpuPercent);
}

/**
 * Folds reports into clock hours: an hour is online when a report overlaps it, and in use as
 * isInUse says. A report's input signal counts for the hour its last input fell in, when the
 * report overlaps that hour (a report sees the last input of its own span). Hours are returned in
 * time order; hours with no report are offline and not listed. The collector's hourly roll-up
 * (metrics_hourly) stores exactly these sums, so raw reports and roll-ups give the same hours.
 */
export function usageHours(reports: readonly UsageReport[], inUseCpuPercent: number): UsageHour[] {
  const hours = new Map<number, { seconds: number; cpuSeconds: number; memorySeconds: number; users: boolean; input: boolean | null }>();
  for (const r of reports) {
    if (!(r.endMs >= r.startMs)) continue;
    // A report with no length (one sample) still puts its hour online.
    const end = r.endMs === r.startMs ? r.startMs + 1 : r.endMs;
    for (let hour = Math.floor(r.startMs / HOUR_MS) * HOUR_MS; hour < end; hour += HOUR_MS) {
      const overlap = (Math.min(end, hour + HOUR_MS) - Math.max(r.startMs, hour)) / 1000;
      const h = hours.get(hour) ?? { seconds: 0, cpuSeconds: 0, memorySeconds: 0, users: false, input: null };
      h.seconds += overlap;
      h.cpuSeconds += overlap * r.cpuAvg;
      h.memorySeconds += overlap * r.memoryAvg;
      h.users ||= r.users.length > 0;
      if (r.lastInputMs != null) h.input = h.input === true || Math.floor(r.lastInputMs / HOUR_MS) * HOUR_MS === hour;
      hours.set(hour, h);
    }
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hourStartMs, h]) => {
      const cpuAvg = h.seconds > 0 ? h.cpuSeconds / h.seconds : 0;
      const memoryAvg = h.seconds > 0 ? h.memorySeconds / h.seconds : 0;
      const hour = { hourStartMs, cpuAvg, memoryAvg, userLoggedIn: h.users, input: h.input };
      return { ...hour, inUse: isInUse(hour, inUseCpuPercent) };
    });
}
