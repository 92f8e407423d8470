import { databaseError } from './database-errors.ts';

/**
 * Runs a store's statements: one query (a drizzle builder, a transaction) or a function running
 * several. The database's refusals of what the caller gave reach the caller as RollcallErrors
 * (see {@link databaseError}); every other error as it was. Every public store method goes
 * through this, so services and their callers never see a raw SQLSTATE.
 */
export async function query<T>(statements: PromiseLike<T> | (() => PromiseLike<T>)): Promise<T> {
  try {
    return await (typeof statements === 'function' ? statements() : statements);
  } catch (error) {
    throw databaseError(error) ?? error;
  }
}
