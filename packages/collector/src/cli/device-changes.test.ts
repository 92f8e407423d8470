import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DeviceChanges } from '../services/devices.ts';
import { renderDeviceChanges } from './device-changes.ts';

const report: DeviceChanges = {
  device: { id: 'd-1', agentId: 'a-1', hostname: 'lab-07', serial: 'PF3ABCDE', smbiosUuid: '', machineId: '', macs: [], manufacturer: 'LENOVO', model: '21AH', os: 'Ubuntu', firstSeen: '2026-11-01T08:00:00.000Z', lastSeen: '2026-11-04T08:00:00.000Z' },
  since: null,
  inventories: 4,
  firstInventoryAt: '2026-11-01T08:00:00.000Z',
  changes: [
    {
      seq: 4,
      receivedAt: '2026-11-04T08:00:00.000Z',
      changes: [
        { section: 'hardware', kind: 'changed', item: 'memory', from: '16 GiB', to: '32 GiB' },
        { section: 'software', kind: 'added', item: 'htop', from: null, to: '3.3.0-4' },
      ],
    },
    { seq: 2, receivedAt: '2026-11-02T08:00:00.000Z', changes: [{ section: 'software', kind: 'removed', item: 'libc6 i386', from: '2.35-0ubuntu3.8', to: null }] },
  ],
};

describe('renderDeviceChanges', () => {
  it('lists every change newest first, each in a sentence, under a count', () => {
    const text = renderDeviceChanges(report, 'table');
    expect(text.split('\n')[0]).toBe('lab-07: 3 changes in 2 inventories (4 inventories kept, the first from 2026-11-01T08:00:00.000Z)');
    const order = ['memory 16 GiB → 32 GiB', 'added htop 3.3.0-4', 'removed libc6 i386 2.35-0ubuntu3.8'].map((change) => text.indexOf(change));
    expect(order.every((at, k) => at > 0 && (k === 0 || at > order[k - 1]!))).toBe(true);
  });

  it('says when nothing changed, and since when it looked', () => {
    expect(renderDeviceChanges({ ...report, since: '2026-11-20T00:00:00.000Z', changes: [] }, 'table')).toBe(
      'lab-07: nothing changed since 2026-11-20T00:00:00.000Z (4 inventories kept, the first from 2026-11-01T08:00:00.000Z)\n',
    );
  });

  it('writes one CSV row a change, with its parts and its inventory', () => {
    const rows = parse(renderDeviceChanges(report, 'csv'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Received, r.Section, r.Kind, r.Item, r.From, r.To, r.Inventory])).toEqual([
      ['2026-11-04T08:00:00.000Z', 'hardware', 'changed', 'memory', '16 GiB', '32 GiB', '4'],
      ['2026-11-04T08:00:00.000Z', 'software', 'added', 'htop', '', '3.3.0-4', '4'],
      ['2026-11-02T08:00:00.000Z', 'software', 'removed', 'libc6 i386', '2.35-0ubuntu3.8', '', '2'],
    ]);
  });
});
