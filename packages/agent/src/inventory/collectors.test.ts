import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { encodeFrame } from '@rollcall/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { collectInChildProcess } from './collectors.ts';

// Stand-ins for `rollcall-agent inventory --format protobuf`: tiny scripts that behave like a
// working, a crashing or a confused inventory process.
const dir = mkdtempSync(join(tmpdir(), 'rollcall-collectors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = (name: string, body: string) => {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
};
const log = pino({ level: 'silent' });

describe('collectInChildProcess', () => {
  it('returns the inventory the child prints as a protobuf frame', async () => {
    const frame = Buffer.from(encodeFrame({ seq: 0, kind: 'inventory', inventory: { hostname: 'pc-7', software: [{ name: 'curl', version: '8.5.0' }] } }));
    const entry = script('ok.mjs', `process.stdout.write(Buffer.from('${frame.toString('base64')}', 'base64'));`);
    const inventory = await collectInChildProcess(entry)(log);
    expect(inventory.hostname).toBe('pc-7');
    expect(inventory.software?.[0]).toMatchObject({ name: 'curl', version: '8.5.0' });
  });

  it('says how the child ended when it fails', async () => {
    const entry = script('crash.mjs', 'process.exit(3);');
    await expect(collectInChildProcess(entry)(log)).rejects.toThrow(/inventory process exited with code 3/);
  });

  it('says so when the child prints something that is not an inventory', async () => {
    const entry = script('chatty.mjs', "process.stdout.write('hello, world');");
    await expect(collectInChildProcess(entry)(log)).rejects.toThrow(/printed no inventory/);
  });
});
