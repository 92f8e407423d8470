import type { SoftwareProbe } from './types.ts';
import { windowsProbe } from './windows.ts';

/** Windows: the Uninstall registry keys behind "Apps & features". */
export const WINDOWS_PROBES: SoftwareProbe[] = [windowsProbe];
