import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest's global setup for the end-to-end tests: the CLIs they start run the bundles in dist/,
 * so those are rebuilt first when any of their sources changed (scripts/build-bundles.mjs; a
 * no-op when they are current). Tests never run a stale bundle, however vitest was started.
 */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-bundles.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
}
