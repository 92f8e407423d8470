import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { DEFAULT_PGLITE_DIR, type DatabaseTarget } from '../db/target.ts';

/** A word as a POSIX shell reads it back unchanged: bare when safe, else in single quotes. */
export function shellWord(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Whether `name` is a program on the user's own PATH. Package managers put their own directories
 * first for the scripts they run (node_modules/.bin, npx's cache, node-gyp-bin): a pnpm found
 * there is not one the user's shell has.
 */
function onUsersPath(name: string, path: string | undefined): boolean {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir || dir.split(/[\\/]/).some((part) => part === 'node_modules' || part === '_npx' || part === 'node-gyp-bin')) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/**
 * How to run rollcall again from the user's shell, the way this process was started: under pnpm
 * (it sets npm_config_user_agent) `pnpm rollcall` when pnpm is installed, else `npx -y pnpm@VERSION
 * rollcall` as the README's set-up does; otherwise `rollcall` when it is on the PATH, else the
 * path of this very program.
 */
export function rollcallCommand(env: NodeJS.ProcessEnv = process.env, script = process.argv[1] ?? 'rollcall'): string {
  const pnpm = /^pnpm\/(\S+)/.exec(env.npm_config_user_agent ?? '');
  if (pnpm) return onUsersPath('pnpm', env.PATH) ? 'pnpm rollcall' : `npx -y pnpm@${pnpm[1]} rollcall`;
  if (onUsersPath('rollcall', env.PATH)) return 'rollcall';
  return shellWord(resolve(script));
}

/**
 * The `--db` argument the hints need to reach the demo's database: none for the default directory
 * (the hints run in the same directory), the directory or URL otherwise. A URL with a password that
 * came from $ROLLCALL_DB is passed as the variable, so the hint does not print the password.
 */
export function dbArgument(target: DatabaseTarget, fromFlag: boolean): string {
  if (target.kind === 'pglite') return target.dir === resolve(DEFAULT_PGLITE_DIR) ? '' : ` --db ${shellWord(target.dir)}`;
  if (!fromFlag && new URL(target.url).password) return ' --db "$ROLLCALL_DB"';
  return ` --db ${shellWord(target.url)}`;
}

/** What to try next, each line a command that runs as printed (comments after `#`). */
export function demoHints(options: { apiUrl: string; rollcall: string; db: string; device?: string }): string {
  const { rollcall, db } = options;
  const commands: [string, string][] = [
    [`${rollcall} devices${db}`, ''],
    ...(options.device ? [[`${rollcall} devices show ${shellWord(options.device)}${db}`, 'its hardware; --software lists its packages'] as [string, string]] : []),
    [`${rollcall} shadows${db}`, "devices on this machine's LAN that are in no register yet"],
  ];
  const width = Math.max(...commands.map(([command]) => command.length));
  const lines = commands.map(([command, comment]) => `  ${comment ? `${command.padEnd(width)}  # ${comment}` : command}`);
  return `\nDevices as JSON: ${options.apiUrl}\nIn another terminal, in this directory:\n${lines.join('\n')}\nServing until Ctrl-C.\n`;
}
