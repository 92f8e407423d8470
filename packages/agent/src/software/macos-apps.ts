// zod's tree-shakable build, like the rest of the agent: small enough for endpoints.
import * as z from 'zod/mini';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

// An odd-typed optional field becomes undefined instead of dropping the whole app.
const optionalText = z.catch(z.optional(z.string()), undefined);
const nonEmptyTrimmed = () => z.string().check(z.trim(), z.minLength(1));

const Application = z.object({
  _name: nonEmptyTrimmed(),
  version: optionalText,
  obtained_from: optionalText,
  lastModified: optionalText,
  path: optionalText,
  signed_by: z.catch(z.optional(z.array(z.string())), undefined),
  arch_kind: optionalText,
});

const Report = z.object({ SPApplicationsDataType: z.array(z.unknown()) });

/** system_profiler's arch_kind, as System Information shows it under "Kind". Others map to ''. */
const ARCH_BY_KIND = new Map([
  ['arch_arm', 'arm64'],
  ['arch_i64', 'x86_64'],
  ['arch_arm_i64', 'universal'],
  ['arch_i32', 'i386'],
]);

// "Developer ID Application: Google LLC (EQHXZ8M8AV)": the 10-character team id is optional.
const DEVELOPER_ID = /^Developer ID Application: (.+?)(?: \([A-Z0-9]{10}\))?$/;

function publisherOf(signedBy: string[] | undefined, obtainedFrom: string | undefined): string {
  const developer = DEVELOPER_ID.exec(signedBy?.[0] ?? '')?.[1];
  if (developer) return developer;
  // Mac App Store apps are re-signed by Apple, so their certificate does not name the vendor.
  return obtainedFrom === 'apple' ? 'Apple' : '';
}

/** Parses `system_profiler SPApplicationsDataType -json`; throws only when the whole output is unreadable. */
export function parseMacosApps(stdout: string): SoftwareEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (error) {
    throw new Error(`macos probe: system_profiler output is not JSON (${(error as Error).message})`, { cause: error });
  }
  const report = Report.safeParse(json);
  if (!report.success) throw new Error('macos probe: system_profiler output has no SPApplicationsDataType list');
  const entries: SoftwareEntry[] = [];
  for (const item of report.data.SPApplicationsDataType) {
    const app = Application.safeParse(item);
    if (!app.success) continue;
    const { _name, version, obtained_from, lastModified, path, signed_by, arch_kind } = app.data;
    entries.push({
      name: _name,
      version: version ?? '',
      publisher: publisherOf(signed_by, obtained_from),
      // The bundle's modification time: the install time for most apps, but an in-place
      // self-update (Chrome, Office) moves it forward.
      installedAtMs: Date.parse(lastModified ?? '') || 0,
      source: 'macos',
      arch: ARCH_BY_KIND.get(arch_kind ?? '') ?? '',
      location: path ?? '',
    });
  }
  return entries;
}

export const macosAppsProbe: SoftwareProbe = {
  source: 'macos',
  platforms: ['darwin'],
  command: 'system_profiler',
  args: ['SPApplicationsDataType', '-json'],
  parse: parseMacosApps,
};
