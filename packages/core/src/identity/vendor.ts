import { createRequire } from 'node:module';
import { macKind } from './mac.ts';

let registry: Record<string, string> | undefined;

/**
 * The IEEE OUI registry's organisation for a canonical MAC (from the `oui-data` package, loaded
 * on first use), "locally administered" for randomised/virtual MACs, else null.
 */
export function macVendor(mac: string): string | null {
  const kind = macKind(mac);
  if (kind === 'local') return 'locally administered (randomised or virtual)';
  if (kind !== 'universal') return null;
  registry ??= createRequire(import.meta.url)('oui-data') as Record<string, string>;
  const entry = registry[mac.slice(0, 8).replaceAll(':', '').toUpperCase()];
  // Entries are "Organisation\nAddress lines…"; the first line is the name.
  return entry ? entry.split('\n', 1)[0]!.trim() : null;
}
