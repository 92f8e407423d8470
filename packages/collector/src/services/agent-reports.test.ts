import { describe, expect, it } from 'vitest';
import { deviceFields, metricsRecord } from './agent-reports.ts';

describe('what the collector keeps of an agent frame', () => {
  const frame = (lastInputMs: number) => ({
    agentId: 'a1',
    seq: 7,
    receivedAt: new Date('2026-11-16T09:05:01Z'),
    metrics: { startMs: Date.parse('2026-11-16T09:00:00Z'), endMs: Date.parse('2026-11-16T09:05:00Z'), samples: 5, users: ['ann'], lastInputMs },
  });

  it('keeps the last input time, and none where the OS gave no signal (0 on the wire)', () => {
    expect(metricsRecord(frame(Date.parse('2026-11-16T09:03:30Z'))).batch.lastInputAt).toEqual(new Date('2026-11-16T09:03:30Z'));
    expect(metricsRecord(frame(0)).batch.lastInputAt).toBeNull();
  });

  it('refuses values no column can hold, naming the field', () => {
    const bad = (metrics: object) => () => metricsRecord({ ...frame(0), metrics: { ...frame(0).metrics, ...metrics } });
    expect(bad({ samples: 2 ** 31 })).toThrow('metrics batch 7: samples 2147483648 is out of range');
    expect(bad({ startMs: -1 })).toThrow('metrics batch 7: start_ms -1 is out of range');
    expect(bad({ netRxBytes: 2 ** 64 })).toThrow(/net_rx_bytes 18446744073709552000 is out of range/);
    expect(bad({ processes: ['ok', 'b\0d'] })).toThrow('metrics batch 7: processes contains a NUL character');
    expect(bad({ mounts: [{ mount: '/\0' }] })).toThrow('metrics batch 7: a mount name contains a NUL character');
    expect(() => metricsRecord({ ...frame(0), seq: 2 ** 53 })).toThrow('metrics batch seq 9007199254740992 is out of range');
    expect(bad({ netRxBytes: 2 ** 62, cpuPercent: { avg: Number.NaN } })().batch).toMatchObject({ netRxBytes: 2 ** 62, cpuMin: 0, cpuAvg: Number.NaN });
  });

  it('keeps the zone the agent reports, empty when it reports none', () => {
    expect(deviceFields({ hostname: 'lt-1', os: { distro: 'Debian', release: '12', timeZone: 'Europe/Berlin' } }).timeZone).toBe('Europe/Berlin');
    expect(deviceFields({ hostname: 'lt-1' }).timeZone).toBe('');
  });
});
