import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DeviceDetail } from '../services/devices.ts';
import { renderDeviceDetail } from './device-detail.ts';

const GIB = 2 ** 30;

const detail: DeviceDetail = {
  device: {
    id: '5f3e0c1a-0000-4000-8000-000000000001',
    agentId: 'a1b2c3',
    hostname: 'lab-07',
    serial: 'PF3ABCDE',
    smbiosUuid: '4c4c4544-0042-3510-8052-b4c04f4e3132',
    machineId: 'm-1',
    macs: ['3c:9c:0f:12:34:56'],
    manufacturer: 'LENOVO',
    model: '21AH00BVGE',
    os: 'Ubuntu 24.04.1 LTS',
    firstSeen: '2026-11-01T08:00:00.000Z',
    lastSeen: '2026-11-24T08:00:00.000Z',
  },
  inventory: {
    seq: 42,
    full: false,
    collectedAt: '2026-11-24T07:59:58.000Z',
    receivedAt: '2026-11-24T08:00:00.000Z',
    system: { manufacturer: 'LENOVO', model: '21AH00BVGE', serial: 'PF3ABCDE', chassisType: 'Notebook', virtual: false, virtualHost: '', assetTag: '' },
    bios: { vendor: 'LENOVO', version: 'R1XET52W (1.34)', releaseDate: '2023-05-10', serial: '' },
    baseboard: { manufacturer: 'LENOVO', model: '21AH00BVGE', serial: 'L1HF2AB00CD', version: '', assetTag: 'IT-0042' },
    cpu: { manufacturer: 'Intel', brand: 'Core™ i7-1265U', cores: 12, physicalCores: 10, speedGhz: 1.8, architecture: 'x64' },
    memory: {
      totalBytes: 16 * GIB,
      modules: [
        { sizeBytes: 8 * GIB, type: 'DDR4', clockMhz: 3200 },
        { sizeBytes: 8 * GIB, type: 'DDR4', clockMhz: 3200 },
      ],
    },
    disks: [{ device: '/dev/nvme0n1', type: 'NVMe', vendor: 'Samsung', model: 'MZVL2512HCJQ', serial: 'S675NX0T', sizeBytes: 512_110_190_592 }],
    networkInterfaces: [
      { name: 'wlp0s20f3', mac: '3c:9c:0f:12:34:56', ipv4: ['10.0.0.23'], type: 'wireless', up: true, speedMbps: 0 },
      { name: 'enp0s31f6', mac: '3c:9c:0f:12:34:57', ipv4: [], type: 'wired', up: false, speedMbps: 0 },
    ],
    os: { platform: 'linux', distro: 'Ubuntu', release: '24.04.1 LTS', codename: 'noble', kernel: '6.8.0-45-generic', arch: 'x64', build: '', timeZone: 'Europe/Berlin' },
    software: [
      { name: 'zoom', version: '6.2.0', source: 'snap', arch: 'amd64', publisher: 'Zoom', installedAt: null },
      { name: 'openssl', version: '3.0.13-0ubuntu3.4', source: 'dpkg', arch: 'amd64', publisher: 'Ubuntu Developers', installedAt: '2026-10-01T00:00:00.000Z' },
      { name: 'curl', version: '8.5.0-2ubuntu10.4', source: 'dpkg', arch: 'amd64', publisher: 'Ubuntu Developers', installedAt: null },
    ],
    neighbours: [{ ip: '10.0.0.1', mac: '00:1b:21:aa:bb:cc', interface: 'wlp0s20f3', state: 'reachable' }],
  },
};

describe('renderDeviceDetail', () => {
  it('reads as a fact sheet: hardware, OS, disks and interfaces summarised, one per line', () => {
    const text = renderDeviceDetail(detail, 'table', false);
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(label))?.slice(label.length).trim();
    expect(line('Machine')).toBe('LENOVO 21AH00BVGE (Notebook)');
    expect(line('Asset tag')).toBe('IT-0042'); // the board's, as the chassis has none
    expect(line('BIOS')).toBe('LENOVO R1XET52W (1.34) (2023-05-10)');
    expect(line('CPU')).toBe('Intel Core™ i7-1265U, 10 cores / 12 threads, 1.8 GHz, x64');
    expect(line('Memory')).toBe('16 GiB: 2 × 8 GiB DDR4 3200 MHz');
    expect(line('OS')).toBe('Ubuntu 24.04.1 LTS (noble), kernel 6.8.0-45-generic, x64, Europe/Berlin');
    expect(line('Disks')).toBe('/dev/nvme0n1 NVMe Samsung MZVL2512HCJQ 512 GB serial S675NX0T');
    expect(line('Network')).toBe('wlp0s20f3 wireless 3c:9c:0f:12:34:56 10.0.0.23 (up)');
    expect(text).toMatch(/^ +enp0s31f6 wired 3c:9c:0f:12:34:57 \(down\)$/m); // the second interface, under the first
    expect(line('Software')).toBe('3 packages (dpkg 2, snap 1); listed by --software');
    expect(line('Inventory')).toBe('#42, received 2026-11-24T08:00:00.000Z (changes merged into the one before)');
    expect(text).not.toMatch(/^Virtual/m);
  });

  it('leaves out what the agent did not know, and says when no inventory is stored', () => {
    const bare = renderDeviceDetail({ device: { ...detail.device, smbiosUuid: '' }, inventory: null }, 'table', false);
    expect(bare).not.toMatch(/SMBIOS UUID|CPU|Memory/);
    expect(bare).toMatch(/^OS +Ubuntu 24\.04\.1 LTS$/m); // from the device row
    expect(bare).toMatch(/^Inventory +none stored$/m);
    expect(bare).not.toMatch(/^Disks/m); // nothing known, not "none"
  });

  it('never shows a stand-in as a memory module: says when only the total is known, and when no disk was reported', () => {
    // A container's agent: no DMI data, and its disk as lsblk lists it (FusionInventory sees the same).
    const container = {
      ...detail.inventory!,
      memory: { totalBytes: 25_276_182_528, modules: [] },
      disks: [{ device: '/dev/vda', type: 'Virtual', vendor: 'Red Hat, Inc.', model: '', serial: 'overlayblk', sizeBytes: 274_877_906_944, interfaceType: 'virtio' }],
    };
    const text = renderDeviceDetail({ ...detail, inventory: container }, 'table', false);
    expect(text).toMatch(/^Memory +24 GiB \(total only: the agent could not read the memory modules\)$/m);
    expect(text).toMatch(/^Disks +\/dev\/vda Virtual Red Hat, Inc\. 275 GB serial overlayblk$/m);
    // Older agents sent systeminformation's stand-in, one "module" of exactly the total: the same.
    const standIn = { ...container, memory: { totalBytes: 25_276_182_528, modules: [{ sizeBytes: 25_276_182_528, type: '', clockMhz: 0 }] } };
    expect(renderDeviceDetail({ ...detail, inventory: standIn }, 'table', false)).toMatch(/^Memory +24 GiB \(total only: the agent could not read the memory modules\)$/m);
    // A VM whose firmware describes its memory (QEMU's DMI): a module, larger than what the kernel keeps.
    const qemu = { ...container, memory: { totalBytes: 25_276_182_528, modules: [{ sizeBytes: 24 * GIB, type: 'RAM', manufacturer: 'QEMU', clockMhz: 0 }] } };
    expect(renderDeviceDetail({ ...detail, inventory: qemu }, 'table', false)).toMatch(/^Memory +24 GiB: 24 GiB RAM$/m);
    const noDisk = renderDeviceDetail({ ...detail, inventory: { ...container, disks: [] } }, 'table', false);
    expect(noDisk).toMatch(/^Disks +none reported by the agent$/m);
    expect(noDisk).not.toMatch(/no access/);
  });

  it('writes the facts as field,value rows in CSV, continuation rows under their field', () => {
    const rows = parse(renderDeviceDetail(detail, 'csv', false)) as string[][];
    expect(rows[0]).toEqual(['field', 'value']);
    expect(rows.filter((r) => r[0] === 'Network').map((r) => r[1])).toEqual(['wlp0s20f3 wireless 3c:9c:0f:12:34:56 10.0.0.23 (up)', 'enp0s31f6 wired 3c:9c:0f:12:34:57 (down)']);
    expect(rows.every((r) => r[0] !== '')).toBe(true);
  });

  it('lists installed packages by name with --software, in every format', () => {
    const table = renderDeviceDetail(detail, 'table', true);
    expect(table.indexOf('curl')).toBeLessThan(table.indexOf('openssl'));
    expect(table).toMatch(/openssl +│ 3\.0\.13-0ubuntu3\.4 +│ dpkg +│ amd64 +│ 2026-10-01/);
    const rows = parse(renderDeviceDetail(detail, 'csv', true), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Name, r.Publisher])).toEqual([
      ['curl', 'Ubuntu Developers'],
      ['openssl', 'Ubuntu Developers'],
      ['zoom', 'Zoom'],
    ]);
    expect((JSON.parse(renderDeviceDetail(detail, 'json', true)) as unknown[]).length).toBe(3);
    expect(renderDeviceDetail({ ...detail, inventory: { ...detail.inventory!, software: [] } }, 'table', true)).toBe('lab-07: its agent has reported no installed software\n');
  });
});
