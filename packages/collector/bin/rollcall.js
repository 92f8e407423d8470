#!/usr/bin/env node
// Runs the bundle in dist/ (built by `pnpm install` and before `pnpm test`: scripts/build.mjs).
// ROLLCALL_DEV=1 runs the TypeScript sources through tsx instead, as does a checkout not built yet
// (said once: the processes it starts inherit ROLLCALL_DEV=1 and run the sources quietly).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/rollcall.mjs', import.meta.url);
if (process.env.ROLLCALL_DEV !== '1' && existsSync(bundle)) {
  await import(bundle.href);
} else {
  if (process.env.ROLLCALL_DEV !== '1') {
    process.stderr.write('rollcall: no bundle in packages/collector/dist (pnpm install builds it); running the sources through tsx\n');
    process.env.ROLLCALL_DEV = '1';
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
