import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run } from './helpers/cli.ts';

const packages = fileURLToPath(new URL('../packages/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rollcall-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The bins' choice between the bundle and the sources, on a copy of the real bin in a package of
 * the same shape whose "bundle" and "sources" say which ran. It lies inside the real package so
 * that tsx resolves from node_modules as it does for the real bin.
 */
describe.each([
  { name: 'rollcall', pkg: 'collector', bin: 'rollcall.js', bundle: 'rollcall.mjs' },
  { name: 'rollcall-agent', pkg: 'agent', bin: 'rollcall-agent.js', bundle: 'rollcall-agent.mjs' },
])('the $name bin', ({ name, pkg, bin, bundle }) => {
  const fixture = mkdtempSync(join(packages, pkg, '.bin-test-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  mkdirSync(join(fixture, 'bin'));
  mkdirSync(join(fixture, 'dist'));
  mkdirSync(join(fixture, 'src', 'cli'), { recursive: true });
  copyFileSync(join(packages, pkg, 'bin', bin), join(fixture, 'bin', bin));
  writeFileSync(join(fixture, 'dist', bundle), "process.stdout.write('bundle\\n');\n");
  // The sources start themselves again once, as the demo starts the agent and the agent its inventory process.
  writeFileSync(
    join(fixture, 'src', 'cli', 'main.ts'),
    [
      "import { spawnSync } from 'node:child_process';",
      "const from: string = process.argv[2] === 'child' ? 'child' : 'parent';",
      "process.stdout.write(`${from} ran the sources\\n`);",
      "if (from === 'parent') process.stdout.write(spawnSync(process.execPath, [process.argv[1]!, 'child'], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout);",
      '',
    ].join('\n'),
  );
  const runBin = (env: Record<string, string | undefined>) => spawnSync(process.execPath, [join(fixture, 'bin', bin)], { env: { ...process.env, ROLLCALL_DEV: undefined, ...env }, encoding: 'utf8' });

  it('runs the bundle in dist/', () => {
    expect(runBin({})).toMatchObject({ status: 0, stdout: 'bundle\n', stderr: '' });
  });

  it('runs the sources through tsx with ROLLCALL_DEV=1, quietly', () => {
    expect(runBin({ ROLLCALL_DEV: '1' })).toMatchObject({ status: 0, stdout: 'parent ran the sources\nchild ran the sources\n', stderr: '' });
  });

  it('runs the sources when there is no bundle, saying so once', () => {
    rmSync(join(fixture, 'dist'), { recursive: true });
    const result = runBin({});
    expect(result).toMatchObject({ status: 0, stdout: 'parent ran the sources\nchild ran the sources\n' });
    expect(result.stderr).toBe(`${name}: no bundle in packages/${pkg}/dist (pnpm install builds it); running the sources through tsx\n`);
  });
});

describe('the rollcall bundle', () => {
  it('answers --help for every command its help lists (each command module is loaded on its own)', async () => {
    const help = await run(BIN.rollcall, ['--help']);
    expect(help.code, help.stderr).toBe(0);
    const commands = [...help.stdout.split('Commands:')[1]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['serve', 'demo', 'devices', 'register', 'reconcile', 'ghosts', 'shadows', 'utilization', 'idle', 'db']));
    for (const command of commands) {
      const result = await run(BIN.rollcall, [command, '--help']);
      expect([command, result.code, result.stdout.split('\n')[0]]).toEqual([command, 0, expect.stringMatching(new RegExp(`^Usage: rollcall ${command}\\b`))]);
    }
  });

  it('loads nothing heavy at start: --version reaches no database, server, SNMP, validation or protobuf code', () => {
    // esbuild's account of the bundle: which modules the entry imports statically (loaded by
    // every start), as opposed to those behind import() (loaded by the commands that need them).
    const metafile = join(scratch, 'meta.json');
    execFileSync(process.execPath, [join(packages, 'collector', 'scripts', 'build.mjs'), '--outdir', join(scratch, 'dist'), '--metafile', metafile]);
    const { outputs } = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }> };
    const entry = Object.keys(outputs).find((file) => file.endsWith('/rollcall.mjs'))!;
    const loaded = new Set<string>();
    for (const queue = [entry]; queue.length > 0; ) {
      const file = queue.pop()!;
      if (loaded.has(file)) continue;
      loaded.add(file);
      for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement' && outputs[imported.path]) queue.push(imported.path);
    }
    const modules = [...loaded].flatMap((file) => Object.keys(outputs[file]!.inputs));
    const heavy = ['@electric-sql/pglite', 'drizzle-orm', 'postgres', 'hono', 'ws', 'zod', 'protobufjs', 'protocol/src/generated', 'snmp-native', 'pino', 'prom-client', 'csv-parse', 'fast-xml-parser', 'node-cron', 'packages/core/'];
    expect(heavy.filter((name) => modules.some((module) => module.includes(`node_modules/${name}/`) || (name.includes('/') && module.includes(name))))).toEqual([]);
  });
});
