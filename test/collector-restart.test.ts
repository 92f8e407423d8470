import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run, start } from './helpers/cli.ts';

// In a container the collector is pid 1, and so is the collector that replaces it after a crash:
// the lock file the first one left names "pid 1", which is alive — it is the new process itself.
// A new pid namespace (unshare, as root on Linux) makes each run pid 1 exactly as a container does.
const canUnshare =
  process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['--fork', '--pid', '--mount-proc', '--kill-child', 'true']).status === 0;
if (!canUnshare) console.warn('⚠⚠⚠ cannot create pid namespaces (needs root and unshare on Linux): the pid 1 restart test is SKIPPED');

const asPid1 = (args: string[]) => ['--fork', '--pid', '--mount-proc', '--kill-child', BIN.rollcall, ...args];

describe.skipIf(!canUnshare)('a collector running as pid 1', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'rollcall-pid1-')), 'db');
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('restarts on its PGlite directory after a crash, and says whose lock it took over', async () => {
    const first = start('unshare', asPid1(['serve', '--port', '0', '--host', '127.0.0.1', '--db', dir]));
    await first.waitFor(/enrollment token: \S+/);
    const lock = JSON.parse(readFileSync(join(dir, 'rollcall.lock.json'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(1);
    first.child.kill('SIGKILL'); // unshare dies, and with --kill-child its pid 1 dies uncleanly too
    await first.stop();

    const listed = await run('unshare', asPid1(['devices', '--db', dir, '--format', 'json']));
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    expect(listed.stderr).toMatch(/took over .*rollcall\.lock\.json: it was left by pid 1 \(`rollcall serve`, started [^)]+\), which is no longer running/);

    const second = start('unshare', asPid1(['serve', '--port', '0', '--host', '127.0.0.1', '--db', dir]));
    try {
      const [, url] = await second.waitFor(/rollcall collector (http:\/\/\S+)/);
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      // unshare ignores SIGINT while it waits: Ctrl-C goes to the collector, pid 1 inside.
      const unshare = second.child.pid!;
      for (const pid of readFileSync(`/proc/${unshare}/task/${unshare}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGINT');
      expect(await second.stop()).toBe(0);
    }
  });
});
