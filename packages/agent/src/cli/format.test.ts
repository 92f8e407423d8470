import { describe, expect, it } from 'vitest';
import { inventoryTable } from './format.ts';

describe('inventoryTable', () => {
  it('lists the disks it has, and says what was looked at when it has none', () => {
    const vda = { device: '/dev/vda', type: 'Virtual', vendor: 'Red Hat, Inc.', model: '', serial: 'overlayblk', sizeBytes: 274_877_906_944, interfaceType: 'virtio' };
    const withDisk = inventoryTable({ hostname: 'vm', os: { platform: 'linux' }, disks: [vda] });
    expect(withDisk).toMatch(/│ \/dev\/vda +│ Virtual +│ +│ overlayblk │ 256 GiB │/);
    expect(withDisk).not.toMatch(/Disks: none|no access/);

    expect(inventoryTable({ hostname: 'vm', os: { platform: 'linux' }, disks: [] })).toContain('Disks: none found (lsblk and systeminformation list no disk backed by hardware)');
    expect(inventoryTable({ hostname: 'pc', os: { platform: 'win32' } })).toContain('Disks: none found (systeminformation lists none)');
  });
});
