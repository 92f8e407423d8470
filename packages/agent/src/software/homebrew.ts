// zod's tree-shakable build, like the rest of the agent: small enough for endpoints.
import * as z from 'zod/mini';
import type { SoftwareEntry, SoftwareProbe } from './types.ts';

// An odd-typed optional field becomes null instead of dropping the whole package.
const optionalText = z.catch(z.nullish(z.string()), null);
const optionalSeconds = z.catch(z.nullish(z.number()), null);
const nonEmpty = () => z.string().check(z.minLength(1));
const nonEmptyTrimmed = () => z.string().check(z.trim(), z.minLength(1));

/** One entry of a formula's `installed` list: a keg in the Cellar and its install receipt. */
const Keg = z.object({ version: nonEmpty(), time: optionalSeconds });

const Formula = z.object({
  name: nonEmptyTrimmed(),
  tap: optionalText,
  installed: z.catch(z.array(z.unknown()), []),
});

const Cask = z.object({
  token: nonEmptyTrimmed(),
  name: z.catch(z.array(z.string()), []),
  tap: optionalText,
  /** The installed version; null when the cask is not installed. */
  installed: nonEmpty(),
  installed_time: optionalSeconds,
});

const Report = z.object({
  formulae: z._default(z.array(z.unknown()), []),
  casks: z._default(z.array(z.unknown()), []),
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
