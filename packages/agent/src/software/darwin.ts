import { homebrewProbe } from './homebrew.ts';
import { macosAppsProbe } from './macos-apps.ts';
import type { SoftwareProbe } from './types.ts';

/** macOS: application bundles (any origin) and Homebrew formulae and casks. */
export const DARWIN_PROBES: SoftwareProbe[] = [macosAppsProbe, homebrewProbe];
