import type { Logger } from '../log.ts';

/**
 * Wraps a scheduled job so a run still going when the next is due is not doubled (the later one
 * is skipped and logged), and a failure is logged instead of crashing the scheduler. `work`
 * returns the figures to log with "NAME done".
 */
export function exclusive(name: string, work: () => Promise<Record<string, unknown>>, log: Logger): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) return void log.warn(`${name} skipped: the previous one is still running`);
    running = true;
    const started = Date.now();
    try {
      const figures = await work();
      log.info({ ms: Date.now() - started, ...figures }, `${name} done`);
    } catch (error) {
      log.error({ err: (error as Error).message }, `${name} failed`);
    } finally {
      running = false;
    }
  };
}
