import type { SoftwareEntry, SoftwareProbe } from './types.ts';

/**
 * apk-tools' installed database: one block per package, blocks separated by a blank line, each
 * line `X:value` with a one-letter field name (P name, V version, A arch, m maintainer, plus
 * description, origin, build time, dependencies and one F/R/a/Z group per installed file).
 *
 * It is read instead of asking `apk`: `apk info -v` and `apk list --installed` print only
 * `name-version` strings (`py3-setuptools-70.3.0-r0`, `font-noto-cjk-0_git20220127-r0`), and
 * names may themselves contain dashes and digits, so the two cannot be split reliably.
 * Read through `cat` so a system without the file behaves like one without the tool (cat exits
 * non-zero and prints nothing).
 */
const APK_INSTALLED_DB = '/lib/apk/db/installed';

interface PackageFields {
  name: string;
  version: string;
  arch: string;
  maintainer: string;
}

const emptyFields = (): PackageFields => ({ name: '', version: '', arch: '', maintainer: '' });

/** `Natanael Copa <ncopa@alpinelinux.org>` → `Natanael Copa`. */
const withoutEmail = (maintainer: string): string => maintainer.replace(/<[^>]*>/g, '').trim();

const toEntry = (fields: PackageFields): SoftwareEntry => ({
  name: fields.name,
  version: fields.version,
  publisher: withoutEmail(fields.maintainer),
  // The db's `t:` is when the package was built, not installed; apk records no install time.
  installedAtMs: 0,
  source: 'apk',
  arch: fields.arch,
  location: '',
});

/** Parses the contents of {@link APK_INSTALLED_DB}; empty input gives no entries. */
export function parseApkInstalledDb(stdout: string): SoftwareEntry[] {
  const entries: SoftwareEntry[] = [];
  let current = emptyFields();
  const finishPackage = () => {
    if (current.name !== '') entries.push(toEntry(current));
    current = emptyFields();
  };
  for (const rawLine of stdout.split('\n')) {
    const line = rawLine.trimEnd();
    if (line === '') {
      finishPackage();
      continue;
    }
    if (line.charAt(1) !== ':') continue;
    const value = line.slice(2).trim();
    switch (line.charAt(0)) {
      case 'P':
        // A second name without a blank line in between still starts a new package.
        if (current.name !== '') finishPackage();
        current.name = value;
        break;
      case 'V':
        current.version = value;
        break;
      case 'A':
        current.arch = value;
        break;
      case 'm':
        current.maintainer = value;
        break;
    }
  }
  finishPackage();
  return entries;
}

export const apkProbe: SoftwareProbe = {
  source: 'apk',
  platforms: ['linux'],
  command: 'cat',
  args: [APK_INSTALLED_DB],
  parse: parseApkInstalledDb,
};
