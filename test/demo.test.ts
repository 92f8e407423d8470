import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, start } from './helpers/cli.ts';

describe('rollcall demo', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-demo-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('serves this machine as a device on embedded PGlite until Ctrl-C', async () => {
    const demo = start(BIN.rollcall, ['demo', '--port', '0'], {
      cwd: scratch,
      env: { PATH: `${BIN.dir}:${process.env.PATH}` }, // as under `pnpm demo`, which puts the agent on PATH
    });
    const [, apiUrl] = await demo.waitFor(/Devices as JSON: (\S+)/);
    await demo.waitFor(/Serving until Ctrl-C/);
    expect(demo.output()).toContain(hostname());

    const body = (await (await fetch(apiUrl!)).json()) as { devices: { hostname: string; agentId: string }[] };
    expect(body.devices).toHaveLength(1);
    expect(body.devices[0]!.hostname).toBe(hostname());

    // The demo's data lives in ./.rollcall of the directory it ran in, locked while it runs.
    expect(existsSync(join(scratch, '.rollcall', 'db', 'rollcall.lock.json'))).toBe(true);
    expect(await demo.stop()).toBe(0);
    expect(existsSync(join(scratch, '.rollcall', 'db', 'rollcall.lock.json'))).toBe(false);
    expect(existsSync(join(scratch, '.rollcall', 'agent', 'state.json'))).toBe(true);
  });
});
