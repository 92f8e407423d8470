import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from './sweep.ts';
import { freeUdpPort, ROUTER, routerSnmprec, startSnmpsim, SWITCH, switchSnmprec, warnIfMissing, type RunningAgent } from './testing/index.ts';

// Two simulated devices on their own loopback addresses (127.0.0.2 and .3), both answering the
// community "lab"; every other address of 127.0.0.0/29 is silent.
describe.skipIf(!warnIfMissing('snmpsim'))('sweeping a range', () => {
  const agents: RunningAgent[] = [];
  let port: number;
  beforeAll(async () => {
    port = await freeUdpPort();
    agents.push(await startSnmpsim({ lab: switchSnmprec() }, { hosts: ['127.0.0.2'], port }));
    agents.push(await startSnmpsim({ lab: routerSnmprec() }, { hosts: ['127.0.0.3'], port }));
  }, 60_000);
  afterAll(() => Promise.all(agents.map((a) => a.stop())));

  it('walks the devices that answer, trying each community, and counts the silent hosts', async () => {
    const progress: number[] = [];
    const streamed: string[] = [];
    const summary = await sweep([{ range: '127.0.0.0/29', communities: ['wrong', 'lab'], port }], {
      timeoutMs: 1000,
      retries: 0,
      concurrency: 4,
      onProgress: ({ done }) => progress.push(done),
      onDevice: (device) => streamed.push(device.system.name ?? '?'),
    });
    expect(summary).toMatchObject({ addresses: 6, responded: 2, timedOut: 4, failed: [] });
    expect(summary.devices.map((d) => [d.address, d.system.name])).toEqual([
      ['127.0.0.2', SWITCH.sysName],
      ['127.0.0.3', ROUTER.sysName],
    ]);
    expect(streamed.sort()).toEqual([ROUTER.sysName, SWITCH.sysName].sort());
    expect(summary.neighbours).toBe(SWITCH.learned.length + 1 + ROUTER.arp.length + ROUTER.arpV6.length); // FDB + LLDP + ARP
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('walks with the default timeout and retries when the options are present but undefined', async () => {
    // As a CLI passes them when --timeout and --retries are not given.
    const summary = await sweep([{ range: '127.0.0.2', communities: ['lab'], port }], { timeoutMs: undefined, retries: undefined, concurrency: undefined });
    expect(summary).toMatchObject({ addresses: 1, responded: 1, timedOut: 0, failed: [] });
    expect(summary.devices[0]!.system.name).toBe(SWITCH.sysName);
  });
});
