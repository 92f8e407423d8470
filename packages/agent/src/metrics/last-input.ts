import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from '../log.ts';
import { parseHidIdleLastInput } from './last-input-darwin.ts';
import { LOGIND_SESSION_PROPERTIES, parseLoginctlSessionIds, parseLogindLastInput } from './last-input-logind.ts';
import { parseQuserLastInput } from './last-input-windows.ts';

const execFileAsync = promisify(execFile);

/** Runs a command (no shell) and resolves with its stdout; rejects when it is missing, fails or times out. */
export type RunCommand = (command: string, args: string[]) => Promise<string>;

/** A hung tool must not hold up the metrics report. */
const TIMEOUT_MS = 10_000;

export const runCommand: RunCommand = async (command, args) => {
  // A fixed locale where tools honour it (quser does not: its parser copes with translations).
  const env = process.platform === 'win32' ? process.env : { ...process.env, LC_ALL: 'C' };
  const { stdout } = await execFileAsync(command, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024, windowsHide: true, env });
  return stdout;
};

/** Reads the last input once: Unix epoch ms, 0 when this OS gives no such signal. */
export type ReadLastInput = () => Promise<number>;

type PlatformReader = (run: RunCommand, nowMs: () => number) => Promise<number>;

const READERS: Partial<Record<NodeJS.Platform, PlatformReader>> = {
  async linux(run, nowMs) {
    const ids = parseLoginctlSessionIds(await run('loginctl', ['list-sessions', '--no-legend', '--no-pager']));
    if (ids.length === 0) return 0; // a server nobody is logged on to: no second spawn
    const properties = LOGIND_SESSION_PROPERTIES.flatMap((name) => ['-p', name]);
    return parseLogindLastInput(await run('loginctl', ['show-session', '--no-pager', ...properties, ...ids]), nowMs());
  },
  async darwin(run, nowMs) {
    return parseHidIdleLastInput(await run('ioreg', ['-c', 'IOHIDSystem', '-d', '4', '-r', '-k', 'HIDIdleTime']), nowMs());
  },
  async win32(run, nowMs) {
    return parseQuserLastInput(await run('quser', []), nowMs());
  },
};

/**
 * The last keyboard/mouse input as the OS knows it, read once per metrics report (it spawns a
 * tool). Never throws: a missing tool, a failing one (no logind in a container; quser with nobody
 * logged on) or one that times out means 0, logged at debug level once. A missing tool is not
 * tried again; a failing one is, since logind, say, may start after the agent does.
 */
export function createLastInputReader(log: Logger, platform: NodeJS.Platform = process.platform, run: RunCommand = runCommand, nowMs = Date.now): ReadLastInput {
  const reader = READERS[platform];
  let missing = false;
  let logged = false;
  return async () => {
    if (!reader || missing) return 0;
    try {
      return await reader(run, nowMs);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: string };
      if (failure.code === 'ENOENT') missing = true;
      if (!logged) {
        logged = true;
        log.debug({ platform, err: failure.message, stderr: String(failure.stderr ?? '').slice(0, 200) }, 'no last-input signal from the OS');
      }
      return 0;
    }
  };
}
