import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentState, BIN, run, serve } from './helpers/cli.ts';

const TOKEN = 'reenroll-test-token';

/*
 * A collector whose database was rebuilt no longer knows an agent's key: it refuses the key with an
 * Error frame (ERROR_CODE_UNAUTHENTICATED), and an agent that still has its token enrolls again.
 */
describe('an agent whose collector has forgotten it', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-reenroll-'));
  const stateDir = join(scratch, 'agent');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const reportOnce = (agentUrl: string, token?: string) =>
    run(BIN.agent, ['run', '--once', '--server', agentUrl, ...(token ? ['--token', token] : []), '--state-dir', stateDir]);

  it('enrolls again with its token, under a new key; without one it is refused', async () => {
    const first = await serve(join(scratch, 'db-1'), { ROLLCALL_ENROLL_TOKEN: TOKEN });
    try {
      const enrolled = await reportOnce(first.agentUrl, TOKEN);
      expect(enrolled.code, enrolled.stderr).toBe(0);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const { agentId, agentKey } = agentState(stateDir)!;
    expect(agentKey).toBeTruthy();

    // A new, empty database: the same token, but the agent's key is unknown there.
    const rebuilt = await serve(join(scratch, 'db-2'), { ROLLCALL_ENROLL_TOKEN: TOKEN });
    try {
      const refused = await reportOnce(rebuilt.agentUrl);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/collector refused: .*\[ERROR_CODE_UNAUTHENTICATED\]/);
      expect(agentState(stateDir)!.agentKey).toBe(agentKey);

      const again = await reportOnce(rebuilt.agentUrl, TOKEN);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr + again.stdout).toMatch(/collector rejected our agent key; enrolling again with the token/);
      expect(agentState(stateDir)).toMatchObject({ agentId, agentKey: expect.not.stringMatching(`^${agentKey}$`) });
      const devices = await run(BIN.rollcall, ['devices', '--format', 'json', '--db', join(scratch, 'db-2')]);
      expect(JSON.parse(devices.stdout).map((d: { agentId: string }) => d.agentId)).toEqual([agentId]);
    } finally {
      expect(await rebuilt.stop()).toBe(0);
    }
  }, 120_000);
});
