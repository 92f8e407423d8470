// Bundles the collector's CLI into dist/: an ESM entry `rollcall.mjs` plus chunks that are loaded
// only when a command needs them (PGlite's driver, the migrator, SNMP discovery, reports, the
// server), so `rollcall --version` or `--help` parse and run almost nothing. bin/rollcall.js runs
// it. Built by the workspace's `prepare` (pnpm install) and before `pnpm test`.
// Run: pnpm --filter @rollcall/collector build [--outdir DIR] [--metafile FILE]
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    outdir: { type: 'string', default: new URL('../dist', import.meta.url).pathname },
    metafile: { type: 'string' },
  },
});
rmSync(values.outdir, { recursive: true, force: true });

/**
 * `import { z } from 'zod'` takes zod's `z` as one namespace object, which a bundler must keep
 * whole: every schema type and every locale, 470 KB that each command using zod parses and runs at
 * start. `import * as z from 'zod'` means the same (zod exports everything `z` holds), but lets
 * esbuild keep only what is used (about 90 KB). Our sources keep the usual spelling.
 */
const zodAsNamespace = {
  name: 'zod-as-namespace',
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes("import { z } from 'zod';")) return undefined;
      return { contents: source.replace("import { z } from 'zod';", "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

const result = await build({
  entryPoints: {
    rollcall: new URL('../src/cli/main.ts', import.meta.url).pathname,
    // Run by scripts/build-bundles.mjs after the build: see src/db/pglite-template.ts.
    'make-pglite-template': new URL('../src/db/make-pglite-template.ts', import.meta.url).pathname,
  },
  outdir: values.outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  keepNames: true, // readable stack traces
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: Boolean(values.metafile),
  // Packages that read files lying next to their own modules stay outside the bundle, loaded from
  // node_modules: PGlite its WebAssembly and data files, oui-data its JSON (through require()).
  external: ['@electric-sql/pglite', 'oui-data'],
  plugins: [zodAsNamespace],
  // Bundled CommonJS dependencies still call require(); give every file one.
  banner: { js: `import { createRequire as __rollcallRequire } from 'node:module';\nconst require = __rollcallRequire(import.meta.url);` },
});
if (values.metafile) writeFileSync(values.metafile, JSON.stringify(result.metafile));
const entry = join(values.outdir, 'rollcall.mjs');
chmodSync(entry, 0o755);
console.log(`built ${entry}`);
