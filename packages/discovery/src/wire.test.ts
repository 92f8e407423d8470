import { decodeFrame, encodeFrame } from '@rollcall/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTER, routerSnmprec, startSnmpsim, SWITCH, switchSnmprec, warnIfMissing, type RunningAgent } from './testing/index.ts';
import { walkDevice } from './walk.ts';
import { DEFAULT_SWEEP_OPTIONS } from './sweep.ts';
import { jobFromWire, jobToWire, walkFromWire, walkToWire } from './wire.ts';

describe('discovery jobs on the wire', () => {
  it('carry targets and options to the agent unchanged', () => {
    const targets = [{ range: '10.20.0.0/24', communities: ['a', 'b'], port: 1161, version: '1' as const }, { range: 'sw-core', communities: ['c'] }];
    const frame = decodeFrame(encodeFrame({ seq: 0, kind: 'command', command: { kind: 3, discovery: jobToWire('job-1', targets, { timeoutMs: 500, retries: 2, concurrency: 8 }) } }));
    if (frame.kind !== 'command') throw new Error(frame.kind);
    expect(jobFromWire(frame.command.discovery!)).toEqual({ jobId: 'job-1', targets, options: { timeoutMs: 500, retries: 2, concurrency: 8 } });
  });

  it('carry the defaults for options left unset, so the agent does not read them as zero', () => {
    const targets = [{ range: '10.20.0.0/24', communities: ['a'] }];
    const job = jobToWire('job-2', targets, { timeoutMs: undefined, retries: undefined, concurrency: undefined });
    const frame = decodeFrame(encodeFrame({ seq: 0, kind: 'command', command: { kind: 3, discovery: job } }));
    if (frame.kind !== 'command') throw new Error(frame.kind);
    expect(jobFromWire(frame.command.discovery!).options).toEqual(DEFAULT_SWEEP_OPTIONS);
    expect(DEFAULT_SWEEP_OPTIONS.retries).toBeGreaterThan(0);
  });
});

describe.skipIf(!warnIfMissing('snmpsim'))('walks on the wire', () => {
  let sim: RunningAgent;
  beforeAll(async () => {
    sim = await startSnmpsim({ [SWITCH.community]: switchSnmprec(), [ROUTER.community]: routerSnmprec() });
  }, 60_000);
  afterAll(() => sim?.stop());

  it.each([SWITCH.community, ROUTER.community])('arrive as they were walked (%s), nulls included', async (community) => {
    const walk = await walkDevice({ host: '127.0.0.1', port: sim.port, community });
    const frame = decodeFrame(encodeFrame({ seq: 7, kind: 'discovery', discovery: { jobId: 'job-1', device: walkToWire(walk) } }));
    if (frame.kind !== 'discovery') throw new Error(frame.kind);
    expect(walkFromWire(frame.discovery.device!)).toEqual(walk);
  });
});
