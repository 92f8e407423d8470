import { z } from 'zod';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

// An odd-typed optional field becomes null instead of dropping the whole package.
const optionalText = z.string().nullish().catch(null);
const optionalSeconds = z.number().nullish().catch(null);

/** One entry of a formula's `installed` list: a keg in the Cellar and its install receipt. */
const Keg = z.object({ version: z.string().min(1), time: optionalSeconds });

const Formula = z.object({
  name: z.string().trim().min(1),
  tap: optionalText,
  installed: z.array(z.unknown()).catch([]),
});

const Cask = z.object({
  token: z.string().trim().min(1),
  name: z.array(z.string()).catch([]),
  tap: optionalText,
  /** The installed version; null when the cask is not installed. */
  installed: z.string().min(1),
  installed_time: optionalSeconds,
});

const Report = z.object({
  formulae: z.array(z.unknown()).default([]),
  casks: z.array(z.unknown()).default([]),
});

const msOf = (seconds: number | null | undefined) => (seconds ? seconds * 1000 : 0);

function formulaEntry(item: unknown): SoftwareEntry | undefined {
  const formula = Formula.safeParse(item);
  if (!formula.success) return undefined;
  // brew lists kegs oldest first (sorted by version), so the newest is the last readable one.
  const kegs = formula.data.installed.map((keg) => Keg.safeParse(keg)).filter((keg) => keg.success);
  const newest = kegs.at(-1)?.data;
  if (!newest) return undefined;
  return {
    name: formula.data.name,
    version: newest.version,
    publisher: formula.data.tap ?? '',
    installedAtMs: msOf(newest.time),
    source: 'homebrew',
    arch: '',
    location: '',
  };
}

function caskEntry(item: unknown): SoftwareEntry | undefined {
  const cask = Cask.safeParse(item);
  if (!cask.success) return undefined;
  const { token, name, tap, installed, installed_time } = cask.data;
  return {
    name: name[0]?.trim() || token,
    version: installed,
    publisher: tap ?? '',
    installedAtMs: msOf(installed_time),
    source: 'homebrew',
    arch: '',
    location: '',
  };
}

/** Parses `brew info --json=v2 --installed`; throws only when the whole output is unreadable. */
export function parseHomebrew(stdout: string): SoftwareEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (error) {
    throw new Error(`homebrew probe: brew output is not JSON (${(error as Error).message})`, { cause: error });
  }
  const report = Report.safeParse(json);
  if (!report.success) throw new Error('homebrew probe: brew output is not a `brew info --json=v2` report');
  const { formulae, casks } = report.data;
  return [...formulae.map(formulaEntry), ...casks.map(caskEntry)].filter((entry) => entry !== undefined);
}

export const homebrewProbe: SoftwareProbe = {
  source: 'homebrew',
  platforms: ['darwin', 'linux'],
  command: 'brew',
  args: ['info', '--json=v2', '--installed'],
  parse: parseHomebrew,
};
