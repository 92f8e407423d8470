/** Where an installed-software entry came from. */
export type SoftwareSource = 'dpkg' | 'rpm' | 'apk' | 'snap' | 'flatpak' | 'macos' | 'homebrew' | 'windows';

/** One installed package or application, as every probe reports it. */
export interface SoftwareEntry {
  name: string;
  /** As the package manager prints it, epoch included (`1:2.3-4`); '' when unknown. */
  version: string;
  /** Vendor, maintainer or publisher; '' when unknown. */
  publisher: string;
  /** Unix epoch milliseconds; 0 when unknown. */
  installedAtMs: number;
  source: SoftwareSource;
  /** Architecture; '' when unknown. */
  arch: string;
  /** Install path or registry key; '' when unknown. */
  location: string;
  /** The package manager's section (dpkg: libs, utils, admin …); absent where it has none. */
  section?: string;
}

/**
 * One way of listing installed software: which platforms have it, what to run, how to read its
 * output. The runner skips a probe whose command is missing (with a debug log), so a probe never
 * has to check for its tool itself.
 */
export interface SoftwareProbe {
  source: SoftwareSource;
  platforms: NodeJS.Platform[];
  command: string;
  args: string[];
  /** Parses the command's stdout; never throws on odd lines (skips them). */
  parse(stdout: string): SoftwareEntry[];
}
