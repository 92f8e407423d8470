import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, start } from './helpers/cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The environment of a user's own shell: none of the variables and PATH entries that npm, pnpm or
 * vitest's launcher add for the scripts they run.
 */
function shellEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) env[key] = /^(npm_|pnpm_|INIT_CWD$|ROLLCALL_)/i.test(key) ? undefined : value; // undefined: unset, also over helpers' defaults
  env.PATH = (process.env.PATH ?? '').split(delimiter).filter((dir) => !/node_modules|_npx|node-gyp-bin/.test(dir)).join(delimiter);
  return { ...env, ROLLCALL_LOG_LEVEL: 'warn', ...extra };
}

/** Runs a command line in a shell, as a user pasting it would. */
function sh(line: string, cwd: string, env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/**
 * Starts `line` in a shell in its own process group, as a terminal runs a command; `stop` sends
 * Ctrl-C's SIGINT to the whole group (npx, pnpm, the shell and rollcall alike).
 */
function startInTerminal(line: string, cwd: string, env: Record<string, string | undefined>) {
  const child = spawn('sh', ['-c', line], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    output: () => output,
    async waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${pattern} from ${line}:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** Resolves once every process of the group has exited (the shell may go before rollcall has closed its database). */
    async stop(): Promise<void> {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
      await exited;
      const deadline = Date.now() + 60_000;
      while (groupAlive(child.pid!)) {
        if (Date.now() > deadline) throw new Error(`${line} did not stop on Ctrl-C:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The commands the demo printed to try next, one a line as printed (with their # comments). */
function hints(output: string): string[] {
  const block = output.slice(output.indexOf('In another terminal, in this directory:\n'), output.indexOf('Serving until Ctrl-C.'));
  return block.split('\n').slice(1).filter((line) => line.startsWith('  ')).map((line) => line.trim());
}

/** Runs every printed hint as printed and checks each one works and shows this machine where it should. */
async function runHints(printed: string[], cwd: string, env: Record<string, string | undefined>, expected: { prefix: string; db: string }) {
  expect(printed).toHaveLength(3);
  for (const hint of printed) {
    expect(hint.startsWith(`${expected.prefix} `), hint).toBe(true);
    expect(hint.split('#')[0]!.trimEnd().endsWith(expected.db), hint).toBe(true);
    const result = await sh(hint, cwd, env);
    expect(result.code, `${hint}\n${result.output}`).toBe(0);
    if (!/ shadows/.test(hint)) expect(result.output, hint).toContain(hostname());
  }
}

describe('rollcall demo', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-demo-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('serves this machine as a device on embedded PGlite until Ctrl-C, and its hints work as printed', async () => {
    const demo = start(BIN.rollcall, ['demo', '--port', '0'], {
      cwd: scratch,
      env: { ...shellEnv(), PATH: `${BIN.dir}${delimiter}${shellEnv().PATH}` }, // as under `pnpm demo`, which puts the agent on PATH
    });
    const [, apiUrl] = await demo.waitFor(/Devices as JSON: (\S+)/);
    await demo.waitFor(/Serving until Ctrl-C/);
    expect(demo.output()).toContain(hostname());

    const body = (await (await fetch(apiUrl!)).json()) as { devices: { hostname: string; agentId: string }[] };
    expect(body.devices).toHaveLength(1);
    expect(body.devices[0]!.hostname).toBe(hostname());

    // Started by its path, not through pnpm, on the default database: the path, no --db.
    await runHints(hints(demo.output()), scratch, shellEnv(), { prefix: join(ROOT, 'test/node_modules/@rollcall/collector/bin/rollcall.js'), db: '' });

    // The demo's data lives in ./.rollcall of the directory it ran in, locked while it runs.
    expect(existsSync(join(scratch, '.rollcall', 'db', 'rollcall.lock.json'))).toBe(true);
    expect(await demo.stop()).toBe(0);
    expect(existsSync(join(scratch, '.rollcall', 'db', 'rollcall.lock.json'))).toBe(false);
    expect(existsSync(join(scratch, '.rollcall', 'agent', 'state.json'))).toBe(true);
  });

  it('prints hints with --db, quoted, that work as printed when started by its path', async () => {
    const db = join(scratch, 'by path', 'db');
    const demo = start(BIN.rollcall, ['demo', '--port', '0', '--db', db], { cwd: scratch, env: shellEnv({ ROLLCALL_AGENT_BIN: BIN.agent }) });
    await demo.waitFor(/Serving until Ctrl-C/);
    await runHints(hints(demo.output()), scratch, shellEnv(), { prefix: join(ROOT, 'test/node_modules/@rollcall/collector/bin/rollcall.js'), db: ` --db '${db}'` });
    expect(await demo.stop()).toBe(0);
  });

  // As the README sets it up: no pnpm installed, `npx -y pnpm@… demo` in the repository.
  for (const variant of ['the default database', 'a --db with a space'] as const) {
    it(`prints hints that work as printed when run as the README does, on ${variant}`, async () => {
      const db = variant === 'the default database' ? undefined : join(scratch, 'my data', 'db');
      const createdRollcallDir = !existsSync(join(ROOT, '.rollcall'));
      const env = shellEnv();
      expect(env.PATH!.split(delimiter).some((dir) => existsSync(join(dir, 'pnpm'))), 'this test wants a machine without pnpm').toBe(false);
      const demo = startInTerminal(`npx -y pnpm@10.34.9 demo --port 0${db ? ` --db '${db}'` : ''}`, ROOT, env);
      try {
        await demo.waitFor(/Serving until Ctrl-C/);
        await runHints(hints(demo.output()), ROOT, env, { prefix: 'npx -y pnpm@10.34.9 rollcall', db: db ? ` --db '${db}'` : '' });
      } finally {
        await demo.stop();
        if (createdRollcallDir) rmSync(join(ROOT, '.rollcall'), { recursive: true, force: true });
      }
      expect(existsSync(join(db ?? join(ROOT, '.rollcall', 'db'), 'rollcall.lock.json'))).toBe(false); // Ctrl-C stopped it
    }, 300_000);
  }
});
