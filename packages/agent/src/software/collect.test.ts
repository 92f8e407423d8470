import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { collectSoftware } from './collect.ts';
import type { SoftwareProbe } from './types.ts';

const entry = (name: string) => ({ name, version: '1', publisher: '', installedAtMs: 0, source: 'dpkg' as const, arch: '', location: '' });

/** Probes that run real commands found on every Linux machine. */
const echoProbe = (name: string, platforms: NodeJS.Platform[] = ['linux']): SoftwareProbe => ({
  source: 'dpkg',
  platforms,
  command: 'printf',
  args: [`${name}\\n`],
  parse: (stdout) => stdout.trim().split('\n').map(entry),
});

describe('collectSoftware', () => {
  const log = pino({ level: 'silent' });

  it('merges the probes for this platform and ignores the others', async () => {
    const result = await collectSoftware([echoProbe('alpha'), echoProbe('beta'), echoProbe('gamma', ['win32'])], { log, platform: 'linux' });
    expect(result.map((e) => e.name)).toEqual(['alpha', 'beta']);
  });

  it('skips a tool that is not installed, and one that fails, keeping the rest', async () => {
    const missing: SoftwareProbe = { ...echoProbe('x'), command: 'rollcall-no-such-tool' };
    const failing: SoftwareProbe = { ...echoProbe('x'), command: 'cat', args: ['/nonexistent/rollcall'] };
    const throwing: SoftwareProbe = { ...echoProbe('x'), parse: () => { throw new Error('garbage'); } };
    const result = await collectSoftware([missing, failing, throwing, echoProbe('kept')], { log, platform: 'linux' });
    expect(result.map((e) => e.name)).toEqual(['kept']);
  });

  it('gives up on a tool that hangs', async () => {
    const hanging: SoftwareProbe = { ...echoProbe('x'), command: 'sleep', args: ['5'] };
    const result = await collectSoftware([hanging, echoProbe('kept')], { log, platform: 'linux', timeoutMs: 200 });
    expect(result.map((e) => e.name)).toEqual(['kept']);
  });
});
