import pino from 'pino';

/** Agent logs go to stderr so that stdout stays clean for `inventory --format json`. */
export function createLogger(level = process.env.ROLLCALL_LOG_LEVEL ?? 'info') {
  return pino({ level, base: { component: 'agent' } }, pino.destination(2));
}

export type Logger = ReturnType<typeof createLogger>;
