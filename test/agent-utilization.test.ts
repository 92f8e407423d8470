import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { testBackends } from '@rollcall/collector/testing';
import { describe, expect, it } from 'vitest';
import { inProcessCollector } from './helpers/collector.ts';
import { agentState, BIN, eventually, run, start } from './helpers/cli.ts';

/** A Debian-like host, whose packages come with sections: libraries among them. */
const hasDpkg = (() => {
  try {
    execFileSync('dpkg-query', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// agent → usage reports → collector → utilization figures, through the real agent and CLI.
describe.each(testBackends())('utilization from a real agent on $name', (backend) => {
  const collector = inProcessCollector(backend, 'tok');

  it.skipIf(!backend.available)('turns the agent’s usage reports into online hours and a utilization row', async () => {
    const stateDir = join(collector.scratch, 'agent');
    const agent = start(BIN.agent, ['run', '--server', collector.server.agentUrl, '--token', 'tok', '--state-dir', stateDir, '--metrics-sample-seconds', '1', '--metrics-report-seconds', '2'], {
      env: { TZ: 'America/Chicago' }, // the zone the agent reports, and its working hours are counted in
    });
    try {
      const agentId = await eventually('the agent to enroll', () => agentState(stateDir)?.agentKey && agentState(stateDir)!.agentId);
      await eventually('two usage reports', async () => ((await collector.server.stores.metrics.ofAgent(agentId)).length >= 2 ? true : undefined));
      await eventually('the inventory', async () => ((await collector.server.stores.devices.list()).some((d) => d.agentId === agentId) ? true : undefined));

      const result = await run(BIN.rollcall, ['utilization', '--period', '1d', '--time-zone', 'UTC', '--format', 'json', '--db', collector.db.arg]);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as { devices: { agentId: string; timeZone: string; measuredFrom: string; onlineHours: number; workingHours: number; utilizationRate: number | null; cpuP95: number | null; idle: boolean }[] };
      const row = report.devices.find((d) => d.agentId === agentId);
      expect(row).toBeDefined();
      // Enrolled just now: its working hours count from the hour it enrolled, not the day before.
      const { agents } = (await (await fetch(`${collector.server.url}/api/agents`)).json()) as { agents: { id: string; firstSeen: string }[] };
      const enrolled = Date.parse(agents.find((a) => a.id === agentId)!.firstSeen);
      expect(Date.parse(row!.measuredFrom)).toBe(Math.floor(enrolled / 3_600_000) * 3_600_000);
      expect(row!.workingHours).toBeLessThanOrEqual(1);
      // Not registered, so the zone the agent reported decides, not --time-zone.
      expect(row!.timeZone).toBe('America/Chicago');
      expect(row!.onlineHours).toBeGreaterThanOrEqual(1);
      expect(row!.cpuP95).toBeGreaterThanOrEqual(0);

      const series = (await (await fetch(`${collector.server.url}/api/utilization/devices/${agentId}/hours?period=1d`)).json()) as { hours: { hour: string; cpuAvg: number; inUse: boolean }[] };
      // The latest online hour is this one (or the previous, had the clock just struck).
      expect(Date.now() - Date.parse(series.hours.at(-1)!.hour)).toBeLessThan(2 * 3_600_000);
      expect(series.hours.every((h) => h.cpuAvg >= 0 && h.cpuAvg <= 100)).toBe(true);

      // A minute of metering says nothing about 90 days: no title is called unused on it yet.
      const software = await run(BIN.rollcall, ['software', '--all', '--format', 'json', '--db', collector.db.arg]);
      expect(software.code, software.stderr).toBe(0);
      type Metered = { devices: number; meteredTooBriefly: number; librariesLeftOut: number; titles: { unusedOn: string[]; meteredTooBrieflyOn: string[]; library: boolean }[] };
      const metered = JSON.parse(software.stdout) as Metered;
      if (metered.devices === 0) console.warn('⚠⚠⚠ the agent found no installed software on this host: the software metering check is SKIPPED (it needs dpkg, rpm or apk)');
      else {
        expect(metered.meteredTooBriefly).toBe(1);
        expect(metered.titles.every((t) => t.unusedOn.length === 0)).toBe(true);
        expect(metered.titles.filter((t) => t.meteredTooBrieflyOn.includes(agentId)).length).toBeGreaterThan(10);
        expect(metered.titles.some((t) => t.library)).toBe(false);
        // dpkg's sections tell libraries apart (a Debian host has dozens); --libraries meters them too.
        const withLibraries = JSON.parse((await run(BIN.rollcall, ['software', '--all', '--libraries', '--format', 'json', '--db', collector.db.arg])).stdout) as Metered;
        expect(withLibraries.librariesLeftOut).toBe(0);
        expect(withLibraries.titles.filter((t) => t.library).length).toBe(metered.librariesLeftOut);
        if (hasDpkg) expect(metered.librariesLeftOut).toBeGreaterThan(10);
      }

      // Roll-up and pruning from the CLI (through the server holding PGlite, or straight to PostgreSQL).
      const rollup = await run(BIN.rollcall, ['db', 'rollup', '--format', 'json', '--db', collector.db.arg]);
      expect(rollup.code, rollup.stderr).toBe(0);
      expect(JSON.parse(rollup.stdout)).toMatchObject({ batches: 0 }); // reports younger than the 2-minute settle time wait
      const prune = await run(BIN.rollcall, ['db', 'prune', '--db', collector.db.arg]);
      expect(prune.code, prune.stderr).toBe(0);
      expect(prune.stdout).toMatch(/^deleted 0 raw usage reports older than 14 days, 0 hourly and 0 daily rows older than 730 days, 0 observations older than 730 days, 0 inventories older than 90 days \(each agent's latest kept\)$/m);
      const bad = await run(BIN.rollcall, ['db', 'prune', '--retention-raw-days', '0', '--db', collector.db.arg]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/--retention-raw-days must be a whole number of days from 1 to/);
    } finally {
      agent.child.kill('SIGTERM');
      await agent.stop();
    }
  });
});
