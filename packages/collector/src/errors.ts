import type { ErrorCode } from '@rollcall/protocol';
import { FLAGS, switchOn, type Spelling } from './spelling.ts';

/** WebSocket close codes (RFC 6455 §7.4.1, 1013 from the IANA registry). */
export const WS_CLOSE = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  invalidPayload: 1007,
  policyViolation: 1008,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;

/** What each front end makes of one error code. */
export interface ErrorMapping {
  /** The HTTP API's status. */
  http: 400 | 401 | 404 | 409 | 500 | 502 | 503;
  /** The `rollcall` CLI's exit code. */
  exit: number;
  /**
   * An agent's socket: the protocol Error frame's code, by its name in the ErrorCode enum (a type
   * import: every CLI start loads this table, only the socket needs the generated protobuf code),
   * and the close code that follows it.
   */
  ws: { error: keyof typeof ErrorCode; close: number };
}

/**
 * Every error code of the collector with its HTTP status, CLI exit code and WebSocket error: the
 * one table all front ends map errors through. A new code must say all three, or this does not compile.
 */
export const ERRORS = {
  /** The caller's input is wrong; the message names what and how to fix it. */
  BAD_INPUT: { http: 400, exit: 2, ws: { error: 'ERROR_CODE_MALFORMED_FRAME', close: WS_CLOSE.invalidPayload } },
  /** An agent sent a valid frame at the wrong moment, or nothing when it had to. */
  PROTOCOL_VIOLATION: { http: 400, exit: 2, ws: { error: 'ERROR_CODE_UNEXPECTED_FRAME', close: WS_CLOSE.protocolError } },
  /** A protocol version this collector does not speak. */
  UNSUPPORTED_PROTOCOL: { http: 400, exit: 2, ws: { error: 'ERROR_CODE_PROTOCOL_VERSION', close: WS_CLOSE.protocolError } },
  UNAUTHENTICATED: { http: 401, exit: 4, ws: { error: 'ERROR_CODE_UNAUTHENTICATED', close: WS_CLOSE.policyViolation } },
  NOT_FOUND: { http: 404, exit: 5, ws: { error: 'ERROR_CODE_UNEXPECTED_FRAME', close: WS_CLOSE.policyViolation } },
  CONFLICT: { http: 409, exit: 9, ws: { error: 'ERROR_CODE_UNEXPECTED_FRAME', close: WS_CLOSE.policyViolation } },
  DB_BUSY: { http: 409, exit: 6, ws: { error: 'ERROR_CODE_INTERNAL', close: WS_CLOSE.tryAgainLater } },
  DB_UNAVAILABLE: { http: 503, exit: 7, ws: { error: 'ERROR_CODE_INTERNAL', close: WS_CLOSE.tryAgainLater } },
  SERVER_UNREACHABLE: { http: 502, exit: 8, ws: { error: 'ERROR_CODE_INTERNAL', close: WS_CLOSE.internalError } },
  /** Anything unexpected: a bug, or a failure of something rollcall depends on. */
  INTERNAL: { http: 500, exit: 1, ws: { error: 'ERROR_CODE_INTERNAL', close: WS_CLOSE.internalError } },
} as const satisfies Record<string, ErrorMapping>;

/** The collector's error codes: stable, and mapped by {@link ERRORS} for every front end. */
export type RollcallErrorCode = keyof typeof ERRORS;

/** Whether `code` is one of ours (a server newer than this CLI may answer with one that is not). */
export function isErrorCode(code: unknown): code is RollcallErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

/** The collector's one error type: a stable `code`, a message for the user, and the `cause`. */
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

/** Why an import that found bad rows (or lines) wrote nothing, and what the user can do. */
export function nothingImported(bad: number, good: number, unit: 'row' | 'line', spell: Spelling = FLAGS): string {
  const count = (n: number, which: string) => `${n} ${which} ${unit}${n === 1 ? '' : 's'}`;
  const them = bad === 1 ? 'it' : 'them';
  const next = good === 0 ? `Fix ${them} and import the file again` : `Fix ${them}, or pass ${switchOn(spell, 'skipBad')} to import the ${count(good, 'good')}`;
  return `${count(bad, 'bad')}; nothing was imported. ${next}`;
}
