import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from '../log.ts';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

const run = promisify(execFile);

export interface CollectSoftwareOptions {
  log: Logger;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}

/**
 * Runs every probe for this platform and merges what they list. A missing tool is normal (no rpm
 * on Debian, no snap on most servers): it is skipped with a debug log, never an error. A tool that
 * fails or times out is logged as a warning and the others still count.
 */
export async function collectSoftware(probes: SoftwareProbe[], options: CollectSoftwareOptions): Promise<SoftwareEntry[]> {
  const platform = options.platform ?? process.platform;
  const lists = await Promise.all(
    probes.filter((probe) => probe.platforms.includes(platform)).map((probe) => runProbe(probe, options)),
  );
  return lists.flat();
}

async function runProbe(probe: SoftwareProbe, { log, timeoutMs = 60_000 }: CollectSoftwareOptions): Promise<SoftwareEntry[]> {
  let stdout: string;
  try {
    // A fixed locale: tools translate headers and status words (snap's "disabled") otherwise.
    const env = process.platform === 'win32' ? process.env : { ...process.env, LC_ALL: 'C.UTF-8' };
    ({ stdout } = await run(probe.command, probe.args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, windowsHide: true, env }));
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number; stderr?: string };
    if (failure.code === 'ENOENT') {
      log.debug({ source: probe.source, command: probe.command }, 'software source not present, skipped');
    } else if (failure.killed) {
      log.warn({ source: probe.source, timeoutMs }, 'software listing timed out');
    } else {
      log.debug({ source: probe.source, code: failure.code, stderr: String(failure.stderr ?? '').slice(0, 200) }, 'software listing failed, skipped');
    }
    return [];
  }
  try {
    return probe.parse(stdout);
  } catch (error) {
    log.warn({ source: probe.source, err: (error as Error).message }, 'software listing could not be read');
    return [];
  }
}
