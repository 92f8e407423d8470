import { describe, expect, it } from 'vitest';
import { inventoryChanges } from './changes.ts';
import type { InventoryJson } from './json.ts';

const GIB = 2 ** 30;

const before: InventoryJson = {
  seq: 1,
  full: true,
  collectedAt: null,
  receivedAt: '2026-11-01T08:00:00.000Z',
  hostname: 'lab-07',
  system: { manufacturer: 'LENOVO', model: '21AH', serial: 'PF3ABCDE', uuid: '4c4c4544-0042-3510-8052-b4c04f4e3132' },
  bios: { version: 'R1XET52W (1.34)' },
  baseboard: { serial: 'L1HF2AB00CD' },
  cpu: { brand: 'Core i7-1265U', cores: 12 },
  memory: { totalBytes: 16 * GIB, modules: [] },
  disks: [{ device: '/dev/nvme0n1', type: 'NVMe', vendor: 'Samsung', model: 'PM9A1', serial: 'S675NX0T', sizeBytes: 512_110_190_592 }],
  networkInterfaces: [{ name: 'wlp0s20f3', type: 'wireless', mac: '3c:9c:0f:12:34:56', ipv4: ['10.0.0.23'] }],
  os: { distro: 'Ubuntu', release: '22.04.4 LTS', kernel: '6.5.0-41-generic', build: '' },
  software: [
    { name: 'openssl', version: '3.0.2-0ubuntu1.15', source: 'dpkg', arch: 'amd64', installedAt: null },
    { name: 'libc6', version: '2.35-0ubuntu3.8', source: 'dpkg', arch: 'amd64', installedAt: null },
    { name: 'libc6', version: '2.35-0ubuntu3.8', source: 'dpkg', arch: 'i386', installedAt: null },
    { name: 'zoom', version: '6.1.0', source: 'snap', arch: 'amd64', installedAt: null },
  ],
  neighbours: [{ ip: '10.0.0.1', mac: '00:1b:21:aa:bb:cc' }],
};

describe('inventoryChanges', () => {
  it('finds nothing between two inventories that differ only in addresses and neighbours', () => {
    const after: InventoryJson = {
      ...before,
      seq: 2,
      receivedAt: '2026-11-02T08:00:00.000Z',
      networkInterfaces: [{ ...before.networkInterfaces![0]!, ipv4: ['10.0.0.99'] }],
      neighbours: [],
    };
    expect(inventoryChanges(before, after)).toEqual([]);
  });

  it('names a memory upgrade, a disk swap, a new interface and an OS upgrade, each with before and after', () => {
    const after: InventoryJson = {
      ...before,
      memory: { totalBytes: 32 * GIB },
      disks: [{ device: '/dev/nvme0n1', type: 'NVMe', vendor: 'WD', model: 'SN740', serial: 'WD123', sizeBytes: 1_024_209_543_168 }],
      networkInterfaces: [...before.networkInterfaces!, { name: 'enx00e04c680001', type: 'wired', mac: '00:e0:4c:68:00:01' }],
      os: { ...before.os, release: '24.04.1 LTS', kernel: '6.8.0-45-generic' },
    };
    expect(inventoryChanges(before, after)).toEqual([
      { section: 'hardware', kind: 'changed', item: 'memory', from: '16 GiB', to: '32 GiB' },
      { section: 'disks', kind: 'added', item: 'disk /dev/nvme0n1 (serial WD123)', from: null, to: 'NVMe WD SN740 1.0 TB' },
      { section: 'disks', kind: 'removed', item: 'disk /dev/nvme0n1 (serial S675NX0T)', from: 'NVMe Samsung PM9A1 512 GB', to: null },
      { section: 'network', kind: 'added', item: 'interface enx00e04c680001', from: null, to: 'wired 00:e0:4c:68:00:01' },
      { section: 'os', kind: 'changed', item: 'OS release', from: '22.04.4 LTS', to: '24.04.1 LTS' },
      { section: 'os', kind: 'changed', item: 'kernel', from: '6.5.0-41-generic', to: '6.8.0-45-generic' },
    ]);
  });

  it('tells installed, removed and upgraded packages apart, another architecture being another install', () => {
    const after: InventoryJson = {
      ...before,
      software: [
        { name: 'openssl', version: '3.0.2-0ubuntu1.18', source: 'dpkg', arch: 'amd64', installedAt: null },
        { name: 'libc6', version: '2.35-0ubuntu3.8', source: 'dpkg', arch: 'amd64', installedAt: null },
        { name: 'zoom', version: '6.1.0', source: 'snap', arch: 'amd64', installedAt: null },
        { name: 'htop', version: '3.3.0-4', source: 'dpkg', arch: 'amd64', installedAt: null },
      ],
    };
    expect(inventoryChanges(before, after)).toEqual([
      { section: 'software', kind: 'changed', item: 'openssl (dpkg)', from: '3.0.2-0ubuntu1.15', to: '3.0.2-0ubuntu1.18' },
      { section: 'software', kind: 'added', item: 'htop (dpkg)', from: null, to: '3.3.0-4' },
      { section: 'software', kind: 'removed', item: 'libc6 (dpkg, i386)', from: '2.35-0ubuntu3.8', to: null },
    ]);
  });

  it('names a machine whose identity changed: renamed, new board (a repair), new serial', () => {
    const after: InventoryJson = { ...before, hostname: 'lab-07-new', system: { ...before.system, serial: 'PF3ZZZZZ' }, baseboard: { serial: 'L1HF9XY' } };
    expect(inventoryChanges(before, after).map((c) => [c.section, c.item, c.from, c.to])).toEqual([
      ['identity', 'hostname', 'lab-07', 'lab-07-new'],
      ['identity', 'serial', 'PF3ABCDE', 'PF3ZZZZZ'],
      ['hardware', 'board serial', 'L1HF2AB00CD', 'L1HF9XY'],
    ]);
  });

  it('reads an inventory from an older agent, missing whole sections, without inventing changes', () => {
    const old: InventoryJson = { seq: 1, full: true, collectedAt: null, receivedAt: before.receivedAt, software: [] };
    expect(inventoryChanges(old, old)).toEqual([]);
    expect(inventoryChanges(old, { ...old, software: [{ name: 'vim', installedAt: null }] })).toEqual([{ section: 'software', kind: 'added', item: 'vim (unknown source)', from: null, to: null }]);
  });
});
