import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { testBackends, type TestDatabase } from '@rollcall/collector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, run, serve } from './helpers/cli.ts';

// A register exported from another tool: semicolons, a BOM, its own column names and labels.
const OTHER_TOOL = [
  '\uFEFFInventory No;Device;S/N;State;Holder;Bought',
  'INV-1;pc-1;SN-0001;In Use;Ann;2024-02-01',
  'INV-2;pc-2;SN-0002;Spare;;2024-02-01',
  'INV-3;pc-3;SN-0003;Scrapped;;2019-02-01',
].join('\r\n');

const BROKEN = [
  'Asset Tag,Serial Number,Status,Purchase Date,Purchase Cost,MAC Address',
  'OK-1,S1,Deployed,2024-01-01,100,00:1b:21:00:00:01',
  ',S2,Deployed,2024-01-01,100,',
  'BAD-3,S3,Deployed,2024-13-01,100,',
  'BAD-4,S4,Deployed,2024-01-01,lots,',
  'BAD-5,S5,Deployed,2024-01-01,100,not-a-mac',
  'BAD-6,S6,Shelved,2024-01-01,100,',
].join('\n');

describe.each(testBackends())('rollcall register on $name', (backend) => {
  let db: TestDatabase;
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-register-'));
  const cli = (...args: string[]) => run(BIN.rollcall, [...args, '--db', db.arg]);

  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.create();
    writeFileSync(join(scratch, 'other.csv'), OTHER_TOOL);
    writeFileSync(join(scratch, 'broken.csv'), BROKEN);
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.skipIf(!backend.available)('refuses a broken file, names every bad line, and imports nothing', async () => {
    const result = await cli('register', 'import', join(scratch, 'broken.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rollcall: 5 bad rows; nothing was imported\. Fix them, or pass --skip-bad/);
    for (const line of [3, 4, 5, 6, 7]) expect(result.stderr).toMatch(new RegExp(`line ${line}: `));
    expect(result.stderr).toMatch(/line 4: .*purchase date "2024-13-01"/);
    expect(result.stderr).toMatch(/line 6: .*invalid MAC "not-a-mac"/);
    expect(result.stderr).toMatch(/line 7: .*Shelved.*--status-map/);
    expect((await cli('register', 'export', '--format', 'json')).stdout.trim()).toBe('[]');
  });

  it.skipIf(!backend.available)('imports the good rows with --skip-bad', async () => {
    const result = await cli('register', 'import', join(scratch, 'broken.csv'), '--skip-bad');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/6 rows — 1 created, 0 updated, 0 unchanged, 5 bad rows skipped/);
    const assets = JSON.parse((await cli('register', 'export', '--format', 'json')).stdout);
    expect(assets.map((a: { assetTag: string }) => a.assetTag)).toEqual(['OK-1']);
  });

  it.skipIf(!backend.available)('reads another tool\'s columns and labels with --map and --status-map', async () => {
    const plain = await cli('register', 'import', join(scratch, 'other.csv'));
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/asset tag/i);

    const result = await cli(
      'register', 'import', join(scratch, 'other.csv'),
      '--map', 'assetTag=Inventory No', '--map', 'name=Device', '--map', 'status=State', '--map', 'assignedUser=Holder', '--map', 'purchaseDate=Bought',
      '--status-map', 'In Use=deployed', '--status-map', 'Spare=in_stock', '--status-map', 'Scrapped=disposed',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/3 rows — 3 created/);
    const assets = JSON.parse((await cli('register', 'export', '--format', 'json')).stdout);
    expect(assets.filter((a: { assetTag: string }) => a.assetTag.startsWith('INV-'))).toMatchObject([
      { assetTag: 'INV-1', name: 'pc-1', serial: 'SN-0001', status: 'deployed', assignedUser: 'Ann', purchaseDate: '2024-02-01' },
      { assetTag: 'INV-2', status: 'in_stock', assignedUser: null },
      { assetTag: 'INV-3', status: 'disposed' },
    ]);
  });

  it.skipIf(!backend.available)('rejects an unknown lifecycle status in --status-map', async () => {
    const result = await cli('register', 'import', join(scratch, 'other.csv'), '--status-map', 'In Use=borrowed');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"borrowed" is not a lifecycle status/);
  });

  it.skipIf(!backend.available)('stops at quoting that swallows the rest of the file, naming the line', async () => {
    writeFileSync(join(scratch, 'unclosed.csv'), 'Asset Tag,Status\nA-1,Deployed\n"A-2,Deployed\nA-3,Deployed\n');
    const result = await cli('register', 'import', join(scratch, 'unclosed.csv'), '--skip-bad');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line \d+: cannot parse the CSV file: Quote Not Closed/);
  });

  it.skipIf(!backend.available)('takes a row with a NUL character for a bad row: named by its line, refused, skipped under --skip-bad', async () => {
    writeFileSync(join(scratch, 'nul.csv'), 'Asset Tag,Status,Notes,Owner Team\nNUL-1,Deployed,fine,ops\nNUL-2,Deployed,bro\0ken,ops\nNUL-3,Deployed,fine,o\0ps\nNUL-4,Deployed,fine,ops\n');
    const refused = await cli('register', 'import', join(scratch, 'nul.csv'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/rollcall: 2 bad rows; nothing was imported/);
    expect(refused.stderr).toMatch(/line 3: notes: text must not contain NUL characters/);
    expect(refused.stderr).toMatch(/line 4: column "Owner Team": text must not contain NUL characters/);
    expect(refused.stderr).not.toMatch(/internal|unexpected|\n\s+at /);
    expect(JSON.parse((await cli('register', 'export', '--format', 'json')).stdout).map((a: { assetTag: string }) => a.assetTag)).not.toContain('NUL-1');

    const skipped = await cli('register', 'import', join(scratch, 'nul.csv'), '--skip-bad');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/4 rows — 2 created, 0 updated, 0 unchanged, 2 bad rows skipped/);
    const tags = JSON.parse((await cli('register', 'export', '--format', 'json')).stdout).map((a: { assetTag: string }) => a.assetTag);
    expect(tags.filter((t: string) => t.startsWith('NUL-'))).toEqual(['NUL-1', 'NUL-4']);
  });

  it.skipIf(!backend.available)('refuses a purchase cost, warranty or purchase date the register cannot hold, naming the range', async () => {
    writeFileSync(join(scratch, 'huge.csv'), 'Asset Tag,Status,Purchase Cost,Warranty,Purchase Date\nBIG-1,Deployed,99999999999999999999,12,2024-01-01\nBIG-2,Deployed,1,5000 months,2024-01-01\nBIG-3,Deployed,1,12,1066-10-14\n');
    const result = await cli('register', 'import', join(scratch, 'huge.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2: purchase cost "99999999999999999999" is out of range: expected 0 to 999999999999\.99/);
    expect(result.stderr).toMatch(/line 3: warranty "5000 months" is out of range: expected 0 to 1200 months/);
    expect(result.stderr).toMatch(/line 4: purchase date "1066-10-14" is out of range: expected 1900-01-01 to 9999-12-31/);
  });

  it.skipIf(!backend.available)('records the user who imported, also while `rollcall serve` holds the database (on PGlite the import goes through it)', async () => {
    writeFileSync(join(scratch, 'who.csv'), 'Asset Tag,Status\nWHO-1,Deployed\n');
    const server = await serve(db.arg);
    try {
      const result = await cli('register', 'import', join(scratch, 'who.csv'));
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/1 rows — 1 created/);
      const { history } = (await (await fetch(`${server.url}/api/assets/WHO-1/history`)).json()) as { history: { changedBy: string }[] };
      expect(history.map((entry) => entry.changedBy)).toEqual([`cli:${userInfo().username}`]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it.skipIf(!backend.available)('says which file is missing', async () => {
    const result = await cli('register', 'import', join(scratch, 'nope.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read .*nope\.csv: no such file/);
  });
});
