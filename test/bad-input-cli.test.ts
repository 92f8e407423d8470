import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, run } from './helpers/cli.ts';

// What a user must never see for bad input: a stack frame, or the SQL that failed.
const TRACE = /\n\s+at |Failed query|insert into|select /i;

// An nmap file with an external entity (XXE): reading it would read /etc/passwd into a hostname.
const XXE = `<?xml version="1.0"?>
<!DOCTYPE nmaprun [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
<nmaprun start="1717406102"><host endtime="1717406110"><status state="up"/><address addr="192.0.2.9" addrtype="ipv4"/>
<hostnames><hostname name="&leak;" type="user"/></hostnames></host></nmaprun>
`;

describe.each(testBackends())('rollcall with hostile input on $name', (backend) => {
  let db: TestDatabase;
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-bad-input-'));
  const cli = (...args: string[]) => run(BIN.rollcall, [...args, '--db', db.arg]);
  const sightings = async () => JSON.parse((await cli('observations', 'list', '--format', 'json')).stdout) as { hostname: string | null }[];

  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.create();
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available)('refuses an nmap file that declares entities, in one line, and imports nothing', async () => {
    writeFileSync(join(scratch, 'xxe.xml'), XXE);
    const result = await cli('observations', 'import', join(scratch, 'xxe.xml'), '--format', 'nmap');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('rollcall: not an nmap XML file: it declares a document type or entities (nmap -oX writes only <!DOCTYPE nmaprun>); entities and external DTDs are not read\n');
    expect(await sightings()).toEqual([]);
  });

  it.skipIf(!backend.available)('takes a JSON line with a NUL character for a bad line, named by line and field', async () => {
    const line = (hostname: string) => JSON.stringify({ source: 'import:test', seenAt: '2026-11-01T00:00:00Z', hostname });
    writeFileSync(join(scratch, 'nul.jsonl'), `${line('good-1')}\n${line('bad\u0000host')}\n`);
    const refused = await cli('observations', 'import', join(scratch, 'nul.jsonl'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2: hostname: text must not contain NUL characters/);
    expect(refused.stderr).not.toMatch(TRACE);
    expect(await sightings()).toEqual([]);
    const skipped = await cli('observations', 'import', join(scratch, 'nul.jsonl'), '--skip-bad');
    expect(skipped.code).toBe(0);
    expect((await sightings()).map((o) => o.hostname)).toEqual(['good-1']);
  });

  it.skipIf(!backend.available)('refuses sweep ranges too large or not ranges at all, naming them, before sweeping', async () => {
    const large = await cli('discover', '--range', '10.0.0.0/8', '--community', 'public');
    expect(large.code).toBe(2);
    expect(large.stderr).toMatch(/targets\[0\]\.range: "10\.0\.0\.0\/8" holds 16,777,216 addresses, more than the 65,536 a sweep may probe/);
    const garbage = await cli('discover', '--range', '192.0.2.1', '--range', 'not a range!', '--community', 'public');
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/targets\[1\]\.range: "not a range!" is neither an IP address, a CIDR range nor a host name/);
    writeFileSync(join(scratch, 'targets.json'), JSON.stringify({ targets: [{ range: '10.0.0.0/8', communities: ['public'] }] }));
    const file = await cli('discover', '--targets', join(scratch, 'targets.json'));
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/the targets file .*targets\.json is not a valid sweep: targets\[0\]\.range: "10\.0\.0\.0\/8"/);
  });

  it.skipIf(!backend.available)('refuses day counts and dates beyond what it can compute with, naming the flag', async () => {
    const unused = await cli('software', '--unused', '1000000000d');
    expect([unused.code, unused.stderr]).toEqual([2, 'rollcall: --unused "1000000000d": at most 36500 days (100 years)\n']);
    const asOf = await cli('reconcile', '--as-of', '0001-01-01');
    expect([asOf.code, asOf.stderr]).toEqual([2, 'rollcall: --as-of "0001-01-01": expected a date between 1970-01-01 and 9999-12-31\n']);
    const prune = await cli('db', 'prune', '--retention-raw-days', '1000000000');
    expect(prune.code).toBe(2);
    expect(prune.stderr).toMatch(/--retention-raw-days must be a whole number of days from 1 to 36500/);
    const offset = await cli('software', 'find', 'ssl', '--offset', '99999999999999999999');
    expect([offset.code, offset.stderr]).toEqual([2, 'rollcall: --offset "99999999999999999999": expected a whole number from 0 to 1000000000\n']);
  });

  it.skipIf(!backend.available)('says a directory is no file to import', async () => {
    const result = await cli('register', 'import', scratch);
    expect([result.code, result.stderr]).toEqual([2, `rollcall: cannot read ${scratch}: it is a directory; name a file\n`]);
  });
});

describe('rollcall errors', () => {
  it('print the stack and the cause chain only with --debug', async () => {
    const closed = 'postgres://postgres@127.0.0.1:1/nothing'; // nothing listens on port 1
    const plain = await run(BIN.rollcall, ['devices', '--db', closed]);
    expect(plain.code).toBe(7);
    expect(plain.stderr).toMatch(/^rollcall: cannot open PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/nothing: /);
    expect(plain.stderr).not.toMatch(/\n\s+at |caused by/);
    const debug = await run(BIN.rollcall, ['devices', '--db', closed, '--debug']);
    expect(debug.code).toBe(7);
    expect(debug.stderr).toMatch(/RollcallError: cannot open PostgreSQL[^\n]*\n\s+at /);
    expect(debug.stderr).toMatch(/\ncaused by: [^\n]*ECONNREFUSED[^\n]*\n\s+at /);
  });

  it('refuses a file as the PGlite directory', async () => {
    const result = await run(BIN.rollcall, ['devices', '--db', BIN.rollcall]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rollcall: --db .*rollcall: not a directory; name a PGlite data directory/);
  });

  describe('from a server newer than the CLI', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      // A collector answering with an error code this CLI has never heard of.
      server = createServer((_request, response) => {
        response.writeHead(422, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'SOMETHING_NEW', message: 'agents are on strike' } }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('exit non-zero with the server\'s message for an error code they do not know', async () => {
      const result = await run(BIN.rollcall, ['agents', '--server', url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`rollcall: agents are on strike (the server at ${url} answered HTTP 422 with error code "SOMETHING_NEW", unknown to this rollcall)\n`);
    });
  });
});
