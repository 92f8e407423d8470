import cron from 'node-cron';
import { nextCronRun } from './next-run.ts';

export interface CronTimer {
  /** When the task runs next; undefined once stopped or when the expression never matches again. */
  readonly next: Date | undefined;
  stop(): void;
}

/** Wake at least daily to look again, as node-cron does: the clock may have been changed meanwhile. */
const MAX_SLEEP_MS = 24 * 60 * 60_000;
/**
 * A run found more than this late (the machine was asleep) is skipped, as node-cron skips missed
 * runs; the agent reports an inventory whenever it reconnects after a sleep anyway.
 */
const LATE_TOLERANCE_MS = 1000;

/**
 * Runs `task` at the times a node-cron expression names, in local time: the agent's replacement for
 * `cron.schedule` that stays clear of Intl (see next-run.ts). Throws on an invalid expression, as
 * `cron.schedule` does. Runs may overlap, as with node-cron's default; `onError` gets what `task`
 * throws or rejects with.
 */
export function scheduleCron(expression: string, task: () => unknown, onError: (error: unknown) => void): CronTimer {
  const fields = cron.parse(expression);
  let next = nextCronRun(fields, new Date());
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (next) timer = setTimeout(beat, Math.min(Math.max(0, next.getTime() - Date.now()), MAX_SLEEP_MS));
  };
  const beat = () => {
    const now = Math.floor(Date.now() / 1000) * 1000; // whole seconds, like the expression
    if (next && now >= next.getTime()) {
      if (now - next.getTime() <= LATE_TOLERANCE_MS) Promise.resolve().then(task).catch(onError);
      next = nextCronRun(fields, new Date(Math.max(now, next.getTime())));
    }
    arm();
  };
  arm();
  return {
    get next() {
      return next;
    },
    stop() {
      clearTimeout(timer);
      next = undefined;
    },
  };
}
