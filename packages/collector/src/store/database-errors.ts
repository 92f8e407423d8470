import { isRollcallError, RollcallError } from '../errors.ts';

/**
 * SQLSTATEs by which the database refuses a value the caller gave (class 22, data exception, and
 * an index entry too large): the caller's input, not a failure of rollcall.
 */
const INPUT_REFUSALS: Record<string, string> = {
  '22001': 'a text is too long',
  '22003': 'a number is out of range',
  '22007': 'a date or time is invalid',
  '22008': 'a date or time is out of range',
  '22009': 'a time zone offset is out of range',
  '22021': 'a text holds a character the database cannot store (a NUL?)',
  '22P02': 'a value is not what its field takes',
  '22P05': 'a text holds a character the database cannot store (a NUL?)',
  '54000': 'a value is too large to store',
};

/** unique_violation: the caller's record clashes with one stored already. */
const UNIQUE_VIOLATION = '23505';

/**
 * The database's refusal of what the caller gave as a RollcallError, or undefined for any other
 * error: a refused value is BAD_INPUT, a duplicate key CONFLICT. A safety net behind validation
 * where input enters, which names the field; this names only what the database said (never the
 * statement or its parameters).
 */
export function databaseError(error: unknown): RollcallError | undefined {
  if (isRollcallError(error)) return undefined; // translated already, by a store called inside another's transaction
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (Object.hasOwn(INPUT_REFUSALS, code)) {
      return new RollcallError('BAD_INPUT', `the database refused a value: ${INPUT_REFUSALS[code]} (${cause.message}; SQLSTATE ${code})`, { cause: error });
    }
    if (code === UNIQUE_VIOLATION) {
      return new RollcallError('CONFLICT', `the database refused a duplicate: a record with the same key exists already (${cause.message}; SQLSTATE ${code})`, { cause: error });
    }
  }
  return undefined;
}
