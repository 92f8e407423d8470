import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockHolder } from '../db/lock.ts';
import { isRollcallError } from '../errors.ts';
import type { UtilizationRequest } from '../services/utilization.ts';
import { collectorPerSuite, testBackends } from '../testing/index.ts';
import { serverSource } from './server-source.ts';
import { withSource } from './source.ts';

const REGISTER = ['Asset Tag,Serial Number,Status,Category,Purchase Cost,Purchase Date', 'SRC-1,S-1,Deployed,Laptop,1200,2025-01-15', 'SRC-2,S-2,In Stock,Laptop,900,2025-03-01'].join('\n');
const SIGHTINGS = [{ source: 'import:dhcp', seenAt: '2026-01-05T10:00:00Z', hostname: 'pc-1', macs: ['00:1b:21:aa:00:01'], ips: ['10.0.0.11'] }].map((o) => JSON.stringify(o)).join('\n');

/** What a value becomes on its way through the API. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

/** The error a promise fails with, for its code and message. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isRollcallError(error)) throw new Error(`expected a RollcallError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe.each(testBackends())('the CLI through a running collector on $name', (backend) => {
  const collector = collectorPerSuite(backend);
  const scratch = mkdtempSync(join(tmpdir(), 'rollcall-source-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.skipIf(!backend.available)('records who imported the register, as the CLI does on the database itself', async () => {
    writeFileSync(join(scratch, 'register.csv'), REGISTER);
    const report = await serverSource(collector.server.url).importRegister(join(scratch, 'register.csv'), {}, 'cli:tester');
    expect(report).toMatchObject({ rows: 2, created: 2 });
    const history = await collector.server.services.register.history('SRC-1');
    expect(history.map((entry) => entry.changedBy)).toEqual(['cli:tester']);
  });

  it.skipIf(!backend.available)('answers every request as the services on the database do, each parameter reaching the server', async () => {
    const { services, stores } = collector.server;
    const source = serverSource(collector.server.url);
    await stores.agents.enroll({ id: 'a-1', keyHash: 'x', agentVersion: 'test', platform: 'linux', hostname: 'pc-1', now: new Date('2026-01-01T00:00:00Z') });
    const startAt = new Date('2026-01-04T08:00:00Z'); // a Sunday: a working day only by the schedule below
    const batch = { startAt, endAt: new Date(startAt.getTime() + 3_600_000), samples: 60, cpuMin: 10, cpuAvg: 30, cpuMax: 60, memoryMin: 1, memoryAvg: 30, memoryMax: 50, mounts: [], netRxBytes: 0, netTxBytes: 0, uptimeSeconds: 1, users: ['ann'], processes: ['code'] };
    await stores.metrics.record({ agentId: 'a-1', seq: 1, receivedAt: new Date('2026-01-04T09:00:00Z'), batch });
    writeFileSync(join(scratch, 'sightings.jsonl'), SIGHTINGS);
    expect(await source.importObservations(join(scratch, 'sightings.jsonl'), { format: 'jsonl' })).toMatchObject({ imported: 1 });

    const utilization: UtilizationRequest = {
      asOf: new Date('2026-01-08T00:00:00Z'),
      periodDays: 7,
      by: 'device',
      timeZone: 'Asia/Jerusalem',
      workingHours: 'Sun-Thu 07:00-15:00',
      inUseCpuPercent: 7,
      idleBelowPercent: 20,
      lifeMonths: { laptop: 24 },
    };
    const report = await source.utilization(utilization);
    expect(report.definitions.workingHours).toBe((await services.utilization.report(utilization)).definitions.workingHours);
    expect(report).toEqual(asJson(await services.utilization.report(utilization)));
    const reconcile = { asOf: new Date('2026-01-08T00:00:00Z'), ghostAfterDays: 10, kinds: ['ghost' as const, 'shadow' as const], onlyNew: false };
    expect(await source.reconcile(reconcile)).toEqual(asJson(await services.reconciliation.run(reconcile)));
    const software = { asOf: new Date('2026-01-08T00:00:00Z'), unusedDays: 30, rules: [{ process: 'code', title: 'VS Code' }], includeLibraries: true };
    expect(await source.software(software)).toEqual(asJson(await services.software.report(software)));
    expect(await source.findInstalled('ssl', { limit: 5, offset: 1 })).toEqual(asJson(await services.software.findInstalled('ssl', { limit: 5, offset: 1 })));
    expect(await source.listObservations({ source: 'import:dhcp', find: '10.0.0.11' }, { limit: 5, offset: 0 })).toEqual(
      asJson(await services.observations.list({ source: 'import:dhcp', find: '10.0.0.11' }, { limit: 5, offset: 0 })),
    );
    expect(await source.listDevices()).toEqual(asJson(await services.devices.list()));
    expect(await source.exportRegister('json')).toBe(await services.register.export('json'));
    expect((await source.listAgents()).map((agent) => [agent.id, agent.connected])).toEqual([['a-1', false]]);
  });

  it.skipIf(!backend.available)("turns the server's errors into RollcallErrors with their codes, named as the CLI's flags", async () => {
    const source = serverSource(collector.server.url);
    expect(await failure(source.showDevice('no-such-device'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(source.utilization({ asOf: new Date(), periodDays: 7, by: 'device', workingHours: 'whenever' }))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/^--working-hours: /) });
    expect(await failure(source.refreshAgents({ agents: [], all: false }))).toEqual({ code: 'BAD_INPUT', message: 'invalid refresh request: name agents, or set "all": true' });
  });
});

describe('the CLI through a collector that does not answer', () => {
  it('says so, as SERVER_UNREACHABLE', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const answer = await failure(serverSource(`http://127.0.0.1:${port}`).listDevices());
    expect(answer).toMatchObject({ code: 'SERVER_UNREACHABLE', message: expect.stringContaining(`the rollcall server at http://127.0.0.1:${port}, which does not answer`) });
  });
});

describe('withSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-with-source-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes the database when the command fails, so the next command can open it', async () => {
    await expect(withSource({ db: dir, command: 'test' }, async () => Promise.reject(new Error('the command failed')))).rejects.toThrow('the command failed');
    expect(lockHolder(dir)).toBeUndefined();
    expect(await withSource({ db: dir, command: 'test' }, (source) => source.listDevices())).toEqual([]);
    expect(lockHolder(dir)).toBeUndefined();
  }, 60_000);
});
