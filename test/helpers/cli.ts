import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installed CLIs, exactly as users run them (pnpm links them into node_modules/.bin): their bins
 * run the bundles in dist/, which the e2e project's global setup (helpers/build-bundles.ts) rebuilds
 * whenever a source changed.
 */
export const BIN = {
  rollcall: fileURLToPath(new URL('../node_modules/.bin/rollcall', import.meta.url)),
  agent: fileURLToPath(new URL('../node_modules/.bin/rollcall-agent', import.meta.url)),
  dir: fileURLToPath(new URL('../node_modules/.bin', import.meta.url)),
};

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
}

const baseEnv = (extra: RunOptions['env'] = {}) => ({
  ...process.env,
  ROLLCALL_LOG_LEVEL: 'warn',
  ROLLCALL_ENROLL_TOKEN: undefined,
  ROLLCALL_DB: undefined,
  ...extra,
});

/** Runs a CLI to completion and captures its output. */
export function run(bin: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: baseEnv(options.env), cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 60_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Background {
  child: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in stdout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends SIGINT and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a long-running CLI (serve, demo) in the background. */
export function start(bin: string, args: string[], options: RunOptions = {}): Background {
  const child = spawn(bin, args, { env: baseEnv(options.env), cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    listeners.forEach((l) => l());
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => `${stdout}\n${stderr}`,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern);
          if (!match) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern} from ${bin} ${args.join(' ')}\n${stdout}\n${stderr}`));
        }, timeoutMs);
        void exited.then((code) => {
          cleanup();
          reject(new Error(`${bin} exited with ${code} before printing ${pattern}\n${stdout}\n${stderr}`));
        });
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Starts `rollcall serve` (on a free port unless given) and waits until it accepts agents. */
export async function serve(db: string, env: RunOptions['env'] = {}, port = 0) {
  const server = start(BIN.rollcall, ['serve', '--port', String(port), '--host', '127.0.0.1', '--db', db], { env });
  const [, url] = await server.waitFor(/rollcall collector (http:\/\/\S+)/);
  const [, token] = await server.waitFor(/enrollment token: (\S+)/);
  return { ...server, url: url!, agentUrl: `${url!.replace('http', 'ws')}/agent`, token: token! };
}

/** Waits until `check` returns a value, or fails after `timeoutMs` saying what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What an agent keeps in its state directory, or undefined before it has written it. */
export function agentState(stateDir: string): { agentId: string; agentKey?: string } | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  } catch {
    return undefined;
  }
}
