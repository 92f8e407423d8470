import { describe, expect, it } from 'vitest';
import { isRollcallError, RollcallError } from '../errors.ts';
import { createServices } from '../services/index.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { sql } from 'drizzle-orm';
import { databaseError } from './database-errors.ts';
import { query } from './query.ts';

/** What a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// The safety net behind validation at the edge: values that reach the database unchecked.
describe.each(testBackends())('database refusals of a value on $name', (backend) => {
  const context = databasePerSuite(backend);

  it.skipIf(!backend.available)('reach service callers as BAD_INPUT saying what the database said, never the statement', async () => {
    const services = createServices(context.database.db);
    const nul = await rejection(services.register.get('LAP\u00001'));
    expect(isRollcallError(nul) && nul.code).toBe('BAD_INPUT');
    expect((nul as Error).message).toMatch(/^the database refused a value: a text holds a character the database cannot store \(a NUL\?\) \(.*SQLSTATE 22021\)$/);
    expect((nul as Error).message).not.toMatch(/select|asset_tag/i);

    const offset = await rejection(services.register.list({}, { offset: 1e20 }));
    expect((offset as RollcallError).code).toBe('BAD_INPUT');
    expect((offset as Error).message).toMatch(/^the database refused a value: a number is out of range .*SQLSTATE 22003\)$/);

    const days = await rejection(services.retention.prune({ raw: 100_000_000, aggregates: 1, observations: 1, inventories: 1 }));
    expect((days as RollcallError).code).toBe('BAD_INPUT');
    expect((days as Error).message).toMatch(/^the database refused a value: a (date or time|time zone offset) is out of range .*SQLSTATE 2200[89]\)$/);
  });

  it.skipIf(!backend.available)('leave every other error as it was', async () => {
    const services = createServices(context.database.db);
    const missing = await rejection(services.register.get('NOPE'));
    expect([(missing as RollcallError).code, (missing as Error).message]).toEqual(['NOT_FOUND', 'no asset with tag NOPE']);
    expect(await services.register.count()).toBe(0);
  });

  it.skipIf(!backend.available)('turn a duplicate key into CONFLICT, through the one helper every store query runs in', async () => {
    const insert = () => query(context.database.db.execute(sql`insert into settings (key, value) values ('duplicate-test', 'x')`));
    await insert();
    const duplicate = await rejection(insert());
    expect(isRollcallError(duplicate) && duplicate.code).toBe('CONFLICT');
    expect((duplicate as Error).message).toMatch(/^the database refused a duplicate: a record with the same key exists already \(.*settings_pkey.*; SQLSTATE 23505\)$/);
    expect((duplicate as Error).message).not.toMatch(/insert|duplicate-test/i);
  });
});

describe('databaseError', () => {
  it('finds the SQLSTATE anywhere in the cause chain, and knows only refusals of a value', () => {
    const pg = Object.assign(new Error('value "1e+20" is out of range for type bigint'), { code: '22003' });
    const wrapped = new Error('Failed query: select 1 offset $1\nparams: 1e+20', { cause: pg });
    expect(databaseError(wrapped)?.message).toBe('the database refused a value: a number is out of range (value "1e+20" is out of range for type bigint; SQLSTATE 22003)');
    expect(databaseError(wrapped)?.cause).toBe(wrapped);
    expect(databaseError(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(databaseError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBeUndefined();
    expect(databaseError('22003')).toBeUndefined();
  });

  it('makes a unique violation CONFLICT, and leaves an error translated already as it is', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "assets_pkey"'), { code: '23505' });
    const conflict = databaseError(new Error('Failed query: insert into assets …', { cause: pg }));
    expect([conflict?.code, conflict?.message]).toEqual(['CONFLICT', 'the database refused a duplicate: a record with the same key exists already (duplicate key value violates unique constraint "assets_pkey"; SQLSTATE 23505)']);
    expect(databaseError(new RollcallError('BAD_INPUT', 'already said', { cause: pg }))).toBeUndefined();
  });
});
