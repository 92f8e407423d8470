import pino from 'pino';

export function createLogger(options: { level?: string; destination?: number } = {}) {
  const level = options.level ?? process.env.ROLLCALL_LOG_LEVEL ?? 'info';
  return pino({ level, base: { component: 'collector' } }, pino.destination(options.destination ?? 1));
}

export type Logger = pino.Logger;

/** For library callers and tests that want no output. */
export const silentLogger: Logger = pino({ level: 'silent' });
