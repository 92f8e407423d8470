import { powershellArgs, powershellJsonItems } from '../powershell.ts';
// zod's tree-shakable build, like the rest of the agent: small enough for endpoints.
import * as z from 'zod/mini';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

/**
 * Lists the Uninstall keys ("Apps & features"): machine-wide native and 32-bit, then per-user.
 * Hidden components (SystemComponent = 1) and updates/patches (ParentKeyName) are left out.
 * One line of statements, with no double quotes, so it survives Windows command-line quoting.
 */
const SCRIPT = [
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  "$keys = 'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', " +
    "'HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', " +
    "'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'",
  'Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue' +
    ' | Where-Object { $_.DisplayName -and $_.SystemComponent -ne 1 -and -not $_.ParentKeyName }' +
    ' | Select-Object DisplayName, DisplayVersion, Publisher, InstallDate, InstallLocation, PSPath' +
    ' | ConvertTo-Json -Compress -Depth 2',
].join('; ');

// Registry values may be strings or numbers (REG_DWORD); anything odder becomes null.
const registryText = z.pipe(
  z.catch(z.nullish(z.union([z.string(), z.number()])), null),
  z.transform((value: string | number | null | undefined) => (value == null ? '' : String(value).trim())),
);

const UninstallKey = z.object({
  DisplayName: z.string().check(z.trim(), z.minLength(1)),
  DisplayVersion: registryText,
  Publisher: registryText,
  InstallDate: registryText,
  InstallLocation: registryText,
  PSPath: registryText,
});

const PSPATH_PREFIX = 'Microsoft.PowerShell.Core\\Registry::';

/** InstallDate is written as yyyyMMdd; returns UTC midnight of that day, or 0. */
function installDateMs(installDate: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(installDate);
  if (!match) return 0;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 20240230 over into March and reads year 0099 as 1999: reject both.
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? date.getTime() : 0;
}

/** Parses the script's ConvertTo-Json output; throws only when the whole output is unreadable. */
export function parseWindowsUninstall(stdout: string): SoftwareEntry[] {
  const items = powershellJsonItems(stdout, 'windows probe');

  const entries: SoftwareEntry[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = UninstallKey.safeParse(item);
    if (!key.success) continue;
    const { DisplayName, DisplayVersion, Publisher, InstallDate, InstallLocation, PSPath } = key.data;
    // The same program may be registered both machine-wide and per user; keep the first (HKLM).
    const identity = JSON.stringify([DisplayName, DisplayVersion, Publisher]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const registryKey = PSPath.startsWith(PSPATH_PREFIX) ? PSPath.slice(PSPATH_PREFIX.length) : PSPath;
    entries.push({
      name: DisplayName,
      version: DisplayVersion,
      publisher: Publisher,
      installedAtMs: installDateMs(InstallDate),
      source: 'windows',
      // WOW6432Node keys are written by 32-bit installers (usually of 32-bit programs, but the x64
      // VC++ redistributable's too); a native key may hold either, so it says nothing.
      arch: /\\WOW6432Node\\/i.test(registryKey) ? 'x86' : '',
      // Some installers write InstallLocation in quotes.
      location: InstallLocation.replace(/^"(.*)"$/, '$1') || registryKey,
    });
  }
  return entries;
}

export const windowsProbe: SoftwareProbe = {
  source: 'windows',
  platforms: ['win32'],
  command: 'powershell.exe',
  args: powershellArgs(SCRIPT),
  parse: parseWindowsUninstall,
};
