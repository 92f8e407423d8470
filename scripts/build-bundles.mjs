// Builds the bundles the CLIs run (packages/collector/dist, packages/agent/dist: their bin/ scripts
// load them) unless they are current: each dist/inputs.json lists every file that went into it
// (esbuild's metafile, plus the build script) with its size and modification time. Run by `pnpm
// install` (the workspace's prepare), `pnpm build`, `pnpm test` and the end-to-end tests' setup, so
// tests never run a stale bundle. Run: node scripts/build-bundles.mjs [--force]
//
// Then it makes the collector's PGlite template, if missing: a data directory initialised and
// migrated once, which new PGlite databases are copied from (src/db/pglite-template.ts says why).
//
// Several processes may run the bundle while it is rebuilt (a collector that is serving, tests):
// the new files are written beside it and moved into place one by one — chunks first, then the
// entry — and chunks of earlier builds are kept for a day, so a running process still finds the
// chunks it loads lazily. Chunk names carry a hash of their content: one name, one content.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['packages/collector', 'packages/agent'];
const KEEP_OLD_CHUNKS_MS = 24 * 60 * 60 * 1000;

/** Builds each package's bundle that is missing or older than its inputs; returns the ones built. */
export function buildBundles({ force = false } = {}) {
  const built = [];
  for (const pkg of PACKAGES) {
    const dir = join(ROOT, pkg);
    if (!force && isCurrent(dir)) continue;
    build(dir);
    built.push(`${pkg}/dist`);
  }
  if (makePgliteTemplate()) built.push('the PGlite template');
  return built;
}

/**
 * A missing template costs memory and time, not correctness (new directories then run initdb):
 * failing to make it warns, and does not fail the install.
 */
function makePgliteTemplate() {
  try {
    const made = execFileSync(process.execPath, [join(ROOT, 'packages/collector/dist/make-pglite-template.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
    return made.trim() !== '';
  } catch (error) {
    console.warn(`warning: could not make the PGlite template (new PGlite directories will run initdb): ${error.message}`);
    return false;
  }
}

function fingerprint(file) {
  try {
    const { size, mtimeMs } = statSync(join(ROOT, file));
    return `${size}:${mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function isCurrent(dir) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(join(dir, 'dist', 'inputs.json'), 'utf8'));
  } catch {
    return false;
  }
  return Object.entries(recorded).every(([file, print]) => fingerprint(file) === print);
}

function build(dir) {
  const next = join(dir, `dist.next-${process.pid}`);
  const metafile = join(dir, `dist.meta-${process.pid}.json`);
  const script = join(dir, 'scripts', 'build.mjs');
  try {
    execFileSync(process.execPath, [script, '--outdir', next, '--metafile', metafile], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const inputs = Object.keys(JSON.parse(readFileSync(metafile, 'utf8')).inputs).filter((file) => !file.includes(':'));
    const recorded = {};
    for (const file of [...inputs, relative(ROOT, script)]) recorded[file] = fingerprint(file);
    writeFileSync(join(next, 'inputs.json'), JSON.stringify(recorded, null, 1));
    moveIntoPlace(next, join(dir, 'dist'));
  } finally {
    rmSync(next, { recursive: true, force: true });
    rmSync(metafile, { force: true });
  }
}

function moveIntoPlace(next, dist) {
  mkdirSync(join(dist, 'chunks'), { recursive: true });
  const chunks = existsSync(join(next, 'chunks')) ? readdirSync(join(next, 'chunks')) : [];
  for (const chunk of chunks) renameSync(join(next, 'chunks', chunk), join(dist, 'chunks', chunk));
  const files = readdirSync(next, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  // The entry points last but one, inputs.json last: until then the bundle reads as stale.
  const order = (name) => (name === 'inputs.json' ? 2 : name.endsWith('.mjs') ? 1 : 0);
  for (const name of files.sort((a, b) => order(a) - order(b))) renameSync(join(next, name), join(dist, name));
  const current = new Set(chunks);
  for (const chunk of readdirSync(join(dist, 'chunks'))) {
    const path = join(dist, 'chunks', chunk);
    if (!current.has(chunk) && Date.now() - statSync(path).mtimeMs > KEEP_OLD_CHUNKS_MS) rmSync(path, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = buildBundles({ force: process.argv.includes('--force') });
  console.log(built.length ? `built ${built.join(', ')}` : 'bundles are current');
}
