import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { testBackends } from '@rollcall/collector/testing';
import { decodeFrame } from '@rollcall/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { inProcessCollector } from './helpers/collector.ts';
import { agentState, eventually, run, start } from './helpers/cli.ts';

// The bundle `pnpm --filter @rollcall/agent build` makes is what endpoints install: check it
// works on its own — version, inventory, and the daemon taking its inventories in a child process.
const [backend] = testBackends(); // one database is enough: this is about the agent's artifact
const { version, nodeFlags } = JSON.parse(readFileSync(new URL('../packages/agent/package.json', import.meta.url), 'utf8')) as { version: string; nodeFlags: string[] };

describe('the bundled agent', () => {
  const collector = inProcessCollector(backend!, 'tok');
  let bundle: string;
  beforeAll(() => {
    const outdir = join(collector.scratch, 'bundle');
    execFileSync(process.execPath, [new URL('../packages/agent/scripts/build.mjs', import.meta.url).pathname, '--outdir', outdir]);
    bundle = join(outdir, 'rollcall-agent.mjs');
  });

  it('runs as an executable and prints its version', async () => {
    const result = await run(bundle, ['--version']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it.skipIf(process.platform !== 'linux')('runs under the agent\'s Node flags when executed, as the service files run it', async () => {
    expect(readFileSync(bundle, 'utf8').split('\n', 1)[0]).toBe(`#!/usr/bin/env -S node ${nodeFlags.join(' ')}`);
    const agent = start(bundle, ['run', '--server', 'ws://127.0.0.1:9/agent', '--token', 'tok', '--state-dir', join(collector.scratch, 'agent-flags')]);
    try {
      const argv = await eventually('the agent process', () => {
        const cmdline = readFileSync(`/proc/${agent.child.pid}/cmdline`, 'utf8').split('\0');
        // Until env has exec'd node, the process is env itself, with the bundle among its arguments.
        return cmdline.includes(bundle) && !/(^|\/)env$/.test(cmdline[0]!) ? cmdline : undefined;
      });
      expect(argv.slice(1, argv.indexOf(bundle))).toEqual(nodeFlags);
      // Its log stream (stderr) has pino's JSON lines only: no V8 warning about the flags.
      await eventually('a log line', () => (agent.output().includes('collector unavailable') ? true : undefined));
      expect(agent.output()).not.toMatch(/Warning/);
    } finally {
      await agent.stop();
    }
  });

  it('prints the inventory as the protobuf frame the daemon reads from its inventory process', async () => {
    const stdout = execFileSync(process.execPath, [bundle, 'inventory', '--format', 'protobuf'], { maxBuffer: 64 * 1024 * 1024 });
    const frame = decodeFrame(stdout);
    expect(frame.kind).toBe('inventory');
    if (frame.kind !== 'inventory') return;
    expect(frame.inventory.hostname).toBe(hostname());
    expect(frame.inventory.partial ?? false).toBe(false);
  });

  it.skipIf(!backend!.available)('reports a full inventory, taken in a child process, when run as the daemon', async () => {
    const stateDir = join(collector.scratch, 'agent');
    const agent = start(bundle, ['run', '--server', collector.server.agentUrl, '--token', 'tok', '--state-dir', stateDir, '--metrics-report-seconds', '3600', '--inventory-cron', '0 0 1 1 *']);
    try {
      const agentId = await eventually('the first inventory', async () => {
        const id = agentState(stateDir)?.agentId;
        return id && (await collector.server.stores.inventories.count(id)) >= 1 ? id : undefined;
      });
      const snapshot = (await collector.server.stores.inventories.latest(agentId))?.snapshot as { hostname: string; software?: unknown[] };
      expect(snapshot.hostname).toBe(hostname());
      const inline = JSON.parse((await run(bundle, ['inventory', '--format', 'json'])).stdout) as { software: unknown[] };
      expect(snapshot.software?.length ?? 0).toBe(inline.software.length); // the child's software list arrived whole
    } finally {
      await agent.stop();
    }
  });

  it.skipIf(!backend!.available)('takes inventories on its cron schedule', async () => {
    const stateDir = join(collector.scratch, 'agent-cron');
    // Every 3 seconds (node-cron's optional seconds field): the one on connecting, then scheduled ones.
    const agent = start(bundle, ['run', '--server', collector.server.agentUrl, '--token', 'tok', '--state-dir', stateDir, '--metrics-report-seconds', '3600', '--inventory-cron', '*/3 * * * * *']);
    try {
      await eventually('three inventories', async () => {
        const id = agentState(stateDir)?.agentId;
        return id && (await collector.server.stores.inventories.count(id)) >= 3 ? true : undefined;
      });
    } finally {
      await agent.stop();
    }
  });
});
