import { collectInventory } from './inventory/collect.ts';
import { AgentError } from './errors.ts';
import { reportInventory } from './inventory/report.ts';
import { startJobs } from './jobs.ts';
import { defaultSchedule, effectiveSchedule, type ScheduleOverrides } from './schedule.ts';
import { CollectorSession, type SessionOptions } from './session.ts';

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Connects, reports one full inventory, waits for its Ack and disconnects. */
export async function reportOnce(options: SessionOptions): Promise<{ seq: number; bytes: number }> {
  const inventory = await collectInventory(options.log);
  const session = await CollectorSession.open(options);
  try {
    return await session.sendInventory(inventory);
  } finally {
    session.close();
  }
}

/** Full jitter exponential backoff: a random delay up to min(max, base·2^attempt). */
export function backoffDelay(attempt: number, random = Math.random): number {
  return Math.floor(random() * Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempt));
}

/**
 * Stays connected: reports a full inventory on every (re)connect, then usage metrics and scheduled
 * inventories (local schedule, overridden by the collector's Welcome), and reconnects with jittered
 * exponential backoff (1 s → 5 min) whenever the connection drops. Only a refusal (bad token,
 * unsupported protocol) stops it, since retrying cannot fix that. Resolves when `signal` aborts.
 */
export async function runConnected(options: SessionOptions, signal: AbortSignal, local: ScheduleOverrides = {}): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    let session: CollectorSession | undefined;
    try {
      session = await CollectorSession.open(options);
      const onAbort = () => session?.close();
      signal.addEventListener('abort', onAbort, { once: true });
      await reportInventory(session, options.state, options.log);
      attempt = 0;
      const schedule = effectiveSchedule(defaultSchedule(options.state.agentId), local, session.welcome.schedule);
      const stopJobs = startJobs(session, schedule, options.state, options.log);
      const reason = await session.closed;
      stopJobs();
      signal.removeEventListener('abort', onAbort);
      if (!signal.aborted) options.log.warn({ reason: reason.message }, 'disconnected from collector');
    } catch (error) {
      session?.close();
      if (error instanceof AgentError && error.code === 'REFUSED') throw error;
      options.log.warn({ err: (error as Error).message }, 'report failed');
    }
    if (signal.aborted) break;
    const delay = backoffDelay(attempt++);
    options.log.info({ delayMs: delay }, 'reconnecting');
    await sleep(delay, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
