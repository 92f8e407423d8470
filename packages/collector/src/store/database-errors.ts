import { RollcallError } from '../errors.ts';

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

/**
 * The database's refusal of a value as a BAD_INPUT error, or undefined for any other error. A
 * safety net behind validation where input enters, which names the field; this names only what the
 * database said (never the statement or its parameters).
 */
export function databaseInputError(error: unknown): RollcallError | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && Object.hasOwn(INPUT_REFUSALS, code)) {
      return new RollcallError('BAD_INPUT', `the database refused a value: ${INPUT_REFUSALS[code]} (${cause.message}; SQLSTATE ${code})`, { cause: error });
    }
  }
  return undefined;
}

/**
 * `target` with every method (of it and of the objects it holds, such as a service's stores)
 * turning the database's refusal of a value into {@link databaseInputError}'s BAD_INPUT.
 */
export function translatingDatabaseErrors<T extends object>(target: T): T {
  const wrapped = new WeakMap<object, unknown>();
  const wrap = <U extends object>(object: U): U =>
    new Proxy(object, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            const translate = (error: unknown) => {
              throw databaseInputError(error) ?? error;
            };
            try {
              const result: unknown = value.apply(target, args);
              return result instanceof Promise ? result.catch(translate) : result;
            } catch (error) {
              return translate(error);
            }
          };
        }
        if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value) && !(value instanceof Date)) {
          if (!wrapped.has(value)) wrapped.set(value, wrap(value));
          return wrapped.get(value);
        }
        return value;
      },
    });
  return wrap(target);
}
