// Bundles the agent into dist/: an ESM entry `rollcall-agent.mjs` plus chunks that are loaded only
// when needed (the inventory code, systeminformation and the probes run in the short-lived
// inventory process, never in the daemon). The result needs nothing but Node 20: what gets
// installed on endpoints. Run: pnpm --filter @rollcall/agent build [--outdir DIR] [--metafile FILE]
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

// The Node flags the agent runs with (package.json "nodeFlags"), in the shebang; the service files
// in deploy/agent/ pass the same ones (test/deploy.test.ts). Issue 4, bench/footprint.ts:
// --jitless: the daemon does a few small reads a minute, where V8's interpreter costs no
//   measurable CPU, while the JIT compilers' code and what they generate stay resident (~6 MB).
// --no-expose-wasm says what --jitless implies (no WebAssembly); without it V8 prints a warning
//   into the agent's log stream on every start.
// --optimize-for-size: V8 collects the old generation while it is small; by default it let the
//   daemon's garbage grow to 13 MB (RSS 57 MB after 20 minutes) before the first full GC.
// `env -S` splits the flags from `node` (GNU coreutils 8.30+, macOS, BSD).
const { nodeFlags } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const shebang = nodeFlags.length ? `#!/usr/bin/env -S node ${nodeFlags.join(' ')}` : '#!/usr/bin/env node';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: new URL('../dist', import.meta.url).pathname }, metafile: { type: 'string' } } });
rmSync(values.outdir, { recursive: true, force: true });

const result = await build({
  entryPoints: { 'rollcall-agent': new URL('../src/cli/main.ts', import.meta.url).pathname },
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
  metafile: Boolean(values.metafile), // what went into it: scripts/build-bundles.mjs rebuilds when one changes
  // Bundled CommonJS dependencies still call require(); give every file one.
  banner: { js: `${shebang}\nimport { createRequire as __rollcallRequire } from 'node:module';\nconst require = __rollcallRequire(import.meta.url);` },
});
if (values.metafile) writeFileSync(values.metafile, JSON.stringify(result.metafile));
const entry = join(values.outdir, 'rollcall-agent.mjs');
chmodSync(entry, 0o755);
console.log(`built ${entry}`);
