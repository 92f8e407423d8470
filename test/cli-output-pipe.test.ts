import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run } from './helpers/cli.ts';

// `rollcall shadows | head`: the reader stops early and closes the pipe. rollcall must stop
// quietly with success, as cat or grep do, not report a failure (EPIPE) or print a stack.
describe('output into a pipe that closes early', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-pipe-'));
  const db = join(scratch, 'db');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('stops quietly with exit code 0', async () => {
    const seenAt = new Date(Date.now() - 3_600_000).toISOString();
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    const lines = Array.from({ length: 3000 }, (_, n) => JSON.stringify({ source: 'import:dhcp', seenAt, hostname: `host-${n}`, macs: [`00:1b:21:00:${hex(n >> 8)}:${hex(n & 255)}`] }));
    writeFileSync(join(scratch, 'sightings.jsonl'), lines.join('\n'));
    expect((await run(BIN.rollcall, ['observations', 'import', join(scratch, 'sightings.jsonl'), '--db', db])).code).toBe(0);

    for (const format of ['table', 'csv', 'json']) {
      const child = spawn(BIN.rollcall, ['shadows', '--db', db, '--format', format], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      // Like `head -c 1000`: read the first piece, then close the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect({ format, code, stderr }).toEqual({ format, code: 0, stderr: '' });
    }
  });
});
