import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from './log.ts';

const run = promisify(execFile);

/** A command whose output lists something about this machine (software, neighbours, …). */
export interface CommandProbe<T> {
  platforms: NodeJS.Platform[];
  command: string;
  args: string[];
  /** Parses stdout; skips lines it cannot read; throws only when the output as a whole is unusable. */
  parse(stdout: string): T[];
}

export interface RunProbeOptions {
  log: Logger;
  timeoutMs?: number;
}

/**
 * Runs a probe's command and parses its output. A missing tool is normal (no rpm on Debian, no
 * snap on most servers): skipped with a debug log, never an error. A tool that fails, times out or
 * prints something unreadable is logged and yields nothing, so the other probes still count.
 */
export async function runCommandProbe<T>(probe: CommandProbe<T>, label: string, { log, timeoutMs = 60_000 }: RunProbeOptions): Promise<T[]> {
  let stdout: string;
  try {
    // A fixed locale: tools translate headers and status words (snap's "disabled") otherwise.
    const env = process.platform === 'win32' ? process.env : { ...process.env, LC_ALL: 'C.UTF-8' };
    ({ stdout } = await run(probe.command, probe.args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, windowsHide: true, env }));
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number; stderr?: string };
    if (failure.code === 'ENOENT') log.debug({ probe: label, command: probe.command }, 'tool not present, skipped');
    else if (failure.killed) log.warn({ probe: label, timeoutMs }, 'tool timed out');
    else log.debug({ probe: label, code: failure.code, stderr: String(failure.stderr ?? '').slice(0, 200) }, 'tool failed, skipped');
    return [];
  }
  try {
    return probe.parse(stdout);
  } catch (error) {
    log.warn({ probe: label, err: (error as Error).message }, 'tool output could not be read');
    return [];
  }
}

/** Runs, side by side, the probes that exist on `platform` (default: this one); one list per probe, in order. */
export function runPlatformProbes<P extends CommandProbe<unknown>>(
  probes: P[],
  label: (probe: P) => string,
  options: RunProbeOptions & { platform?: NodeJS.Platform },
): Promise<ReturnType<P['parse']>[]> {
  const platform = options.platform ?? process.platform;
  const runs = probes.filter((probe) => probe.platforms.includes(platform)).map((probe) => runCommandProbe(probe, label(probe), options));
  return Promise.all(runs) as Promise<ReturnType<P['parse']>[]>;
}
