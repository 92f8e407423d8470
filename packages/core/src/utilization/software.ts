// Software metering: which installed titles are actually run. A title is a normalised name plus
// publisher; a process counts for a title when its executable is the title's name, or when a rule
// (executable → title) says so. The rules below cover common desktop software whose executable is
// not named like its package; admins extend them (rollcall software --rules FILE).

export interface ProcessRule {
  /** Executable name, case-insensitive, without `.exe` / `.app`. */
  process: string;
  /** Normalised title name the executable belongs to (a prefix of it: "microsoft office" also matches "microsoft office professional plus"). */
  title: string;
}

export const DEFAULT_PROCESS_RULES: readonly ProcessRule[] = [
  { process: 'chrome', title: 'google chrome' },
  { process: 'google chrome', title: 'google chrome' },
  { process: 'msedge', title: 'microsoft edge' },
  { process: 'firefox', title: 'firefox' },
  { process: 'firefox', title: 'mozilla firefox' },
  { process: 'code', title: 'visual studio code' },
  { process: 'code', title: 'microsoft visual studio code' },
  { process: 'winword', title: 'microsoft office' },
  { process: 'excel', title: 'microsoft office' },
  { process: 'powerpnt', title: 'microsoft office' },
  { process: 'outlook', title: 'microsoft office' },
  { process: 'microsoft word', title: 'microsoft word' },
  { process: 'microsoft excel', title: 'microsoft excel' },
  { process: 'ms-teams', title: 'microsoft teams' },
  { process: 'teams', title: 'microsoft teams' },
  { process: 'acrobat', title: 'adobe acrobat' },
  { process: 'acrord32', title: 'adobe acrobat' },
  { process: 'photoshop', title: 'adobe photoshop' },
  { process: 'zoom', title: 'zoom' },
  { process: 'zoom.us', title: 'zoom' },
  { process: 'slack', title: 'slack' },
  { process: 'soffice.bin', title: 'libreoffice' },
  { process: 'soffice', title: 'libreoffice' },
  { process: 'postgres', title: 'postgresql' },
  { process: 'mysqld', title: 'mysql server' },
  { process: 'mariadbd', title: 'mariadb server' },
  { process: 'node', title: 'nodejs' },
  { process: 'node', title: 'node.js' },
  { process: 'java', title: 'openjdk' },
  { process: 'sshd', title: 'openssh server' },
  { process: 'dockerd', title: 'docker' },
];

/** Lower case, no version or architecture suffix, punctuation runs as single spaces. */
export function normalizeTitle(name: string): string {
  return name
    .toLowerCase()
    .replace(/\((?:[^)]*\b(?:x64|x86|64-bit|32-bit|arm64|amd64)\b[^)]*)\)/g, ' ')
    .replace(/\s+v?\d+(?:\.\d+)+\S*/g, ' ')
    .replace(/[^a-z0-9+#.]+/g, ' ')
    .trim();
}

const normalizeProcess = (name: string) => name.toLowerCase().replace(/\.(exe|app)$/, '').trim();

export interface InstalledTitle {
  name: string;
  publisher: string | null;
  /** The package manager's section (dpkg's libs, utils, python …), when it has one. */
  section?: string | null;
}

/**
 * Debian sections whose packages nobody runs by name: code libraries, fonts, translations,
 * documentation, debug symbols, kernels, and packages that only pull others in.
 */
const LIBRARY_SECTIONS = new Set(['libs', 'libdevel', 'oldlibs', 'introspection', 'fonts', 'localization', 'doc', 'debug', 'kernel', 'metapackages']);
/** Language sections hold interpreters (python3, perl, php8.2-cli) and modules: only the modules are libraries. */
const MODULE_SECTIONS = new Set(['python', 'perl', 'ruby', 'javascript', 'java', 'golang', 'rust', 'php', 'ocaml', 'haskell', 'lisp', 'tcl', 'lua', 'gnu-r']);
const MODULE_NAME = /^(?:lib|python3?-|ruby-|node-|golang-|php-|lua-|r-cran-|elpa-|tcl-)/;

/**
 * A package that is part of other software rather than something people run: metering it would
 * bury the applications under hundreds of "unused" libraries. Judged by the package manager's
 * section (archive area such as `non-free/` ignored); without one, a package is an application.
 */
export function isLibraryPackage(item: Pick<InstalledTitle, 'name' | 'section'>): boolean {
  const section = item.section ? item.section.slice(item.section.lastIndexOf('/') + 1).toLowerCase() : '';
  return LIBRARY_SECTIONS.has(section) || (MODULE_SECTIONS.has(section) && MODULE_NAME.test(item.name.toLowerCase()));
}

export interface SoftwareDevice {
  agentId: string;
  /**
   * Since when its processes are known (its agent enrolled, or reported usage if that was
   * earlier): a title that did not run since then is unused only when that is `unusedDays` ago.
   */
  meteredFromMs: number;
  installed: readonly InstalledTitle[];
  /** Process names seen running, with when (the end of the usage report that listed them). */
  ran: readonly { atMs: number; processes: readonly string[] }[];
}

export interface SoftwareTitleUsage {
  title: string;
  publisher: string | null;
  installs: number;
  /** Devices where one of its processes ran in the last 30 and 90 days before asOf. */
  usedIn30Days: number;
  usedIn90Days: number;
  /** Devices where it is installed but did not run within `unusedDays`: licence reclamation candidates. */
  unusedOn: string[];
  /** Devices where it did not run either, but that were metered for less than `unusedDays`: too soon to call it unused. */
  meteredTooBrieflyOn: string[];
  /** Every install of it is a library or other component (see isLibraryPackage). */
  library: boolean;
}

const DAY_MS = 86_400_000;

/** Metered for less than `unusedDays` before `asOfMs`: too soon to call anything unused on it. */
export function meteredTooBriefly(device: Pick<SoftwareDevice, 'meteredFromMs'>, options: { asOfMs: number; unusedDays: number }): boolean {
  return device.meteredFromMs > options.asOfMs - options.unusedDays * DAY_MS;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Why nothing is called unused on the devices metered too briefly, with when their metering began
 * (their agents' enrolment, or an earlier usage report) and the date it must have begun by; null
 * when there are none. The cut-off is not an enrolment date: printing it as one misled.
 */
export function meteredTooBrieflyReason(devices: readonly Pick<SoftwareDevice, 'meteredFromMs'>[], options: { asOfMs: number; unusedDays: number }): string | null {
  const since = devices.filter((d) => meteredTooBriefly(d, options)).map((d) => d.meteredFromMs);
  if (since.length === 0) return null;
  const first = day(Math.min(...since));
  const last = day(Math.max(...since));
  const from = first === last ? `since ${first}` : `since dates from ${first} to ${last}`;
  const cutOff = day(options.asOfMs - options.unusedDays * DAY_MS);
  return `${since.length} of them ${since.length === 1 ? 'has' : 'have'} been metered for less than ${options.unusedDays} days, ${from} (to be judged, a device must be metered since ${cutOff} or earlier): nothing is called unused there yet`;
}

/** What meterSoftware gathers per title while it goes through the devices. */
interface TitleEntry {
  title: string;
  publisher: string | null;
  executables: string[];
  installs: Set<string>;
  used30: Set<string>;
  used90: Set<string>;
  usedWindow: Set<string>;
  library: boolean;
  /** Package names and sections already judged for `library`. */
  judged: Set<string>;
}

/** Per title: installs, devices that ran it in 30 and 90 days, and where it sits unused. */
export function meterSoftware(devices: readonly SoftwareDevice[], options: { asOfMs: number; unusedDays: number; rules?: readonly ProcessRule[] }): SoftwareTitleUsage[] {
  const rules = (options.rules ?? DEFAULT_PROCESS_RULES).map((r) => ({ process: normalizeProcess(r.process), title: normalizeTitle(r.title) }));
  const titles = new Map<string, TitleEntry>();
  const meteredBriefly = new Set(devices.filter((d) => meteredTooBriefly(d, options)).map((d) => d.agentId));
  // A fleet has a few thousand distinct package names over millions of installs: each name's
  // title, executables and entries (by publisher as reported) are worked out once.
  const known = new Map<string, { title: string; executables: string[]; byPublisher: Map<string, TitleEntry> }>();
  const entryOf = (item: InstalledTitle): TitleEntry | undefined => {
    let name = known.get(item.name);
    if (!name) {
      const title = normalizeTitle(item.name);
      const executables = [title, title.replace(/ /g, '-'), ...rules.filter((r) => title === r.title || title.startsWith(`${r.title} `)).map((r) => r.process)];
      known.set(item.name, (name = { title, executables, byPublisher: new Map() }));
    }
    if (!name.title) return undefined;
    const reported = item.publisher ?? '';
    let entry = name.byPublisher.get(reported);
    if (!entry) {
      const publisher = reported.trim() || null;
      const key = `${name.title}|${publisher?.toLowerCase() ?? ''}`;
      entry = titles.get(key);
      if (!entry) titles.set(key, (entry = { title: name.title, publisher, executables: name.executables, installs: new Set(), used30: new Set(), used90: new Set(), usedWindow: new Set(), library: true, judged: new Set() }));
      name.byPublisher.set(reported, entry);
    }
    return entry;
  };
  for (const device of devices) {
    // Last time each process ran on this device.
    const lastRun = new Map<string, number>();
    for (const report of device.ran) for (const p of report.processes) lastRun.set(normalizeProcess(p), Math.max(lastRun.get(normalizeProcess(p)) ?? 0, report.atMs));
    for (const item of device.installed) {
      const entry = entryOf(item);
      if (!entry) continue;
      entry.installs.add(device.agentId);
      // Judged once per package name and section seen with the title (nearly always one).
      const judged = `${item.name}\t${item.section ?? ''}`;
      if (entry.library && !entry.judged.has(judged)) {
        entry.judged.add(judged);
        entry.library = isLibraryPackage(item);
      }
      // Its processes: the executable named like the title, or a rule's executable for it.
      let last = 0;
      for (const executable of entry.executables) last = Math.max(last, lastRun.get(executable) ?? 0);
      if (last === 0) continue;
      const age = options.asOfMs - last;
      if (age <= 30 * DAY_MS) entry.used30.add(device.agentId);
      if (age <= 90 * DAY_MS) entry.used90.add(device.agentId);
      if (age <= options.unusedDays * DAY_MS) entry.usedWindow.add(device.agentId);
    }
  }
  return [...titles.values()]
    .map((t) => ({
      title: t.title,
      publisher: t.publisher,
      installs: t.installs.size,
      usedIn30Days: t.used30.size,
      usedIn90Days: t.used90.size,
      unusedOn: [...t.installs].filter((d) => !t.usedWindow.has(d) && !meteredBriefly.has(d)).sort(),
      meteredTooBrieflyOn: [...t.installs].filter((d) => !t.usedWindow.has(d) && meteredBriefly.has(d)).sort(),
      library: t.library,
    }))
    .sort((a, b) => b.unusedOn.length - a.unusedOn.length || b.installs - a.installs || a.title.localeCompare(b.title));
}
