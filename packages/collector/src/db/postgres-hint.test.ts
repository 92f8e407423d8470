import { describe, expect, it } from 'vitest';
import { testBackends, testPostgresUrl } from '../testing/index.ts';
import { openDatabase } from './open.ts';
import { postgresHint } from './postgres-hint.ts';

describe('postgresHint', () => {
  it('says how to fix what the driver reports', () => {
    expect(postgresHint('postgres://127.0.0.1:5433/inventory', { code: '3D000' })).toBe('create it first: createdb -h 127.0.0.1 -p 5433 inventory');
    expect(postgresHint('postgres://u:p@db/x', { code: '28P01' })).toMatch(/check the user name and password/);
    expect(postgresHint('postgres://db.example:6000/x', { code: 'ECONNREFUSED' })).toMatch(/^is PostgreSQL running and listening on db\.example:6000\?/);
    expect(postgresHint('postgres://nohost.invalid/x', { code: 'ENOTFOUND' })).toBe('check the host name "nohost.invalid" in the URL');
    expect(postgresHint('postgres://db/x', { code: '42P01' })).toBeUndefined();
  });

  it('is part of the error when nothing listens on the port', async () => {
    // Port 1 on loopback: refused at once, a real connection attempt.
    await expect(openDatabase({ kind: 'postgres', url: 'postgres://127.0.0.1:1/rollcall' }, 'test')).rejects.toThrow(
      /^cannot open PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/rollcall: .*ECONNREFUSED.*; is PostgreSQL running and listening on 127\.0\.0\.1:1\?/,
    );
  });

  const available = testBackends().find((b) => b.name === 'postgres')!.available;
  it.skipIf(!available)('is part of the error for a database that does not exist, on the real server', async () => {
    const url = new URL(testPostgresUrl()!);
    url.pathname = '/rollcall_no_such_database';
    await expect(openDatabase({ kind: 'postgres', url: url.toString() }, 'test')).rejects.toThrow(
      /database "rollcall_no_such_database" does not exist; create it first: createdb -h 127\.0\.0\.1 -p 5432 rollcall_no_such_database/,
    );
  });
});
