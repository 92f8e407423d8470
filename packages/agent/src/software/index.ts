import { DARWIN_PROBES } from './darwin.ts';
import { LINUX_PROBES } from './linux.ts';
import type { SoftwareProbe } from './types.ts';
import { WINDOWS_PROBES } from './win32.ts';

/** Every installed-software probe; the runner picks those for the platform it runs on (Homebrew: macOS and Linux). */
export const ALL_PROBES: SoftwareProbe[] = [...LINUX_PROBES, ...DARWIN_PROBES, ...WINDOWS_PROBES];
