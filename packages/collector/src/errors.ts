import { FLAGS, switchOn, type Spelling } from './spelling.ts';
/**
 * The collector's one error type. `code` is stable and mapped once to an HTTP status
 * (http/app.ts), once to a CLI exit code (cli/run.ts) and once to a protocol Error frame.
 */
export type RollcallErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'DB_BUSY'
  | 'DB_UNAVAILABLE'
  | 'SERVER_UNREACHABLE'
  | 'INTERNAL';

export class RollcallError extends Error {
  override readonly name = 'RollcallError';
  constructor(
    readonly code: RollcallErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options);
    this.details = options?.details;
  }
  readonly details: Record<string, unknown> | undefined;
}

export function isRollcallError(error: unknown): error is RollcallError {
  return error instanceof RollcallError;
}

export const HTTP_STATUS: Record<RollcallErrorCode, 400 | 401 | 404 | 409 | 500 | 502 | 503> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DB_BUSY: 409,
  DB_UNAVAILABLE: 503,
  SERVER_UNREACHABLE: 502,
  INTERNAL: 500,
};

export const EXIT_CODE: Record<RollcallErrorCode, number> = {
  BAD_INPUT: 2,
  UNAUTHENTICATED: 4,
  NOT_FOUND: 5,
  CONFLICT: 9,
  DB_BUSY: 6,
  DB_UNAVAILABLE: 7,
  SERVER_UNREACHABLE: 8,
  INTERNAL: 1,
};

/** Why an import that found bad rows (or lines) wrote nothing, and what the user can do. */
export function nothingImported(bad: number, good: number, unit: 'row' | 'line', spell: Spelling = FLAGS): string {
  const count = (n: number, which: string) => `${n} ${which} ${unit}${n === 1 ? '' : 's'}`;
  const them = bad === 1 ? 'it' : 'them';
  const next = good === 0 ? `Fix ${them} and import the file again` : `Fix ${them}, or pass ${switchOn(spell, 'skipBad')} to import the ${count(good, 'good')}`;
  return `${count(bad, 'bad')}; nothing was imported. ${next}`;
}
