import { describe, expect, it } from 'vitest';
import { deviceFields, metricsRecord } from './ingest.ts';

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

  it('keeps the zone the agent reports, empty when it reports none', () => {
    expect(deviceFields({ hostname: 'lt-1', os: { distro: 'Debian', release: '12', timeZone: 'Europe/Berlin' } }).timeZone).toBe('Europe/Berlin');
    expect(deviceFields({ hostname: 'lt-1' }).timeZone).toBe('');
  });
});
