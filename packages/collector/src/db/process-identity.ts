import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Tells a process apart from a later one that got the same pid. Containers make this common: a
 * collector running as pid 1 that crashed is followed by another pid 1. A pid alone cannot say
 * whether the process that wrote a lock file is still the one running.
 */
export interface ProcessIdentity {
  pid: number;
  /** Random, this process's own: only this process can have written it. */
  instance: string;
  /** The kernel's boot id (Linux): a pid from an earlier boot names nobody now. */
  bootId?: string;
  /** When the process started, in clock ticks after boot (Linux /proc/PID/stat field 22). */
  processStart?: string;
}

const INSTANCE = randomUUID();

export function ownIdentity(): ProcessIdentity {
  return { pid: process.pid, instance: INSTANCE, bootId: bootId(), processStart: processStart(process.pid) };
}

/**
 * Whether the process `identity` describes runs now. Where the host cannot tell (no /proc), a
 * live pid counts as the same process.
 */
export function isRunning(identity: { pid: number; instance?: string; bootId?: string; processStart?: string }): boolean {
  if (identity.pid === process.pid) return identity.instance === INSTANCE;
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const boot = bootId();
  if (identity.bootId && boot && identity.bootId !== boot) return false;
  const start = processStart(identity.pid);
  if (identity.processStart && start && identity.processStart !== start) return false;
  return true;
}

function bootId(): string | undefined {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

function processStart(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19];
}

function readProc(path: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
