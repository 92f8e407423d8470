import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { LSBLK_ARGS, mergeDisks, parseLsblk, readLinuxDisks, sysBlockAt, type DiskInfo } from './linux-disks.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'rollcall-disks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The sysfs of the machine a fixture was taken on: `block/NAME/device` for devices backed by
 * hardware (loop, zram, RAM disks and nbd have none), and the serial files the kernel writes.
 */
function sysfs(name: string, devices: string[], files: Record<string, string> = {}): string {
  const root = join(dir, name);
  for (const device of devices) mkdirSync(join(root, 'block', device, 'device'), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(root, 'block', file, '..'), { recursive: true });
    writeFileSync(join(root, 'block', file), `${content}\n`);
  }
  return root;
}

const disk = (fields: Partial<DiskInfo> & Pick<DiskInfo, 'device'>): DiskInfo => ({ type: '', vendor: '', model: '', serial: '', sizeBytes: 0, interfaceType: '', ...fields });

describe('parseLsblk', () => {
  it('lists a laptop\'s NVMe disk, eMMC, USB stick and DVD drive; not its loop devices, zram swap or eMMC boot areas', () => {
    const root = sysfs('laptop', ['sda', 'sr0', 'mmcblk0', 'mmcblk0boot0', 'mmcblk0boot1', 'nvme0n1'], { 'mmcblk0/device/serial': '0x3a1b2c4d' });
    expect(parseLsblk(fixture('lsblk-laptop.json'), sysBlockAt(root))).toEqual([
      disk({ device: '/dev/sda', type: 'Removable', vendor: 'SanDisk', model: 'Ultra Fit', serial: '4C530001230915104291', sizeBytes: 30_765_219_840, interfaceType: 'USB' }),
      disk({ device: '/dev/sr0', type: 'Optical', vendor: 'HL-DT-ST', model: 'DVDRAM GUD1N', serial: 'KZ1F8A41234', sizeBytes: 1_073_741_312, interfaceType: 'SATA' }),
      disk({ device: '/dev/mmcblk0', type: 'MMC', serial: '0x3a1b2c4d', sizeBytes: 62_537_072_640, interfaceType: 'MMC' }),
      disk({ device: '/dev/nvme0n1', type: 'NVMe', model: 'SAMSUNG MZVL2512HCJQ-00BL7', serial: 'S675NX0T123456', sizeBytes: 512_110_190_592, interfaceType: 'PCIe' }),
    ]);
  });

  it('reads lsblk before util-linux 2.33 (every value a string) and leaves out partitions, RAID, LVM, crypt, nbd and RAM disks', () => {
    const root = sysfs('server', ['sda', 'sdb', 'sdc', 'sdd']);
    expect(parseLsblk(fixture('lsblk-server-util-linux-2.32.json'), sysBlockAt(root))).toEqual([
      // libata's "ATA" vendor is the bus, not the maker.
      disk({ device: '/dev/sda', type: 'HD', model: 'ST4000NM0035-1V4107', serial: 'ZC1A2B3C', sizeBytes: 4_000_787_030_016, interfaceType: 'SATA' }),
      disk({ device: '/dev/sdb', type: 'HD', model: 'ST4000NM0035-1V4107', serial: 'ZC1A9X8Y', sizeBytes: 4_000_787_030_016, interfaceType: 'SATA' }),
      disk({ device: '/dev/sdc', type: 'SSD', model: 'Samsung SSD 860 EVO 500GB', serial: 'S3Z1NB0K123456A', sizeBytes: 500_107_862_016, interfaceType: 'SATA' }),
      disk({ device: '/dev/sdd', type: 'HD', vendor: 'SEAGATE', model: 'ST1200MM0099', serial: 'WFK0ABCD', sizeBytes: 1_200_243_695_616, interfaceType: 'SAS' }),
    ]);
  });

  it('reads a virtio disk, which lsblk shows without model or serial, as a virtual disk with the serial sysfs holds', () => {
    const root = sysfs('kvm', ['vda'], { 'vda/serial': 'overlayblk' });
    const output = JSON.stringify({ blockdevices: [{ name: 'vda', type: 'disk', size: 274877906944, model: null, serial: null, vendor: '0x1af4', tran: null, rota: true, rm: false }] });
    expect(parseLsblk(output, sysBlockAt(root))).toEqual([
      disk({ device: '/dev/vda', type: 'Virtual', vendor: 'Red Hat, Inc.', serial: 'overlayblk', sizeBytes: 274_877_906_944, interfaceType: 'virtio' }),
    ]);
  });

  it('throws when the output is not lsblk\'s JSON', () => {
    const sys = sysBlockAt(sysfs('none', []));
    expect(() => parseLsblk('NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINT', sys)).toThrow();
    expect(() => parseLsblk('{"devices":[]}', sys)).toThrow(/no blockdevices/);
    expect(parseLsblk('{"blockdevices":[]}', sys)).toEqual([]);
  });
});

describe('readLinuxDisks', () => {
  const log = pino({ level: 'silent' });

  it('asks lsblk for whole devices only, in bytes, with columns util-linux 2.27 already has', () => {
    expect(LSBLK_ARGS).toEqual(['-J', '-b', '--nodeps', '-o', 'NAME,TYPE,SIZE,MODEL,SERIAL,VENDOR,TRAN,ROTA,RM']);
  });

  it('lists nothing, and says why, when lsblk is missing or fails', async () => {
    const warnings: string[] = [];
    const listening = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).err) });
    expect(await readLinuxDisks(listening, { command: join(dir, 'no-such-lsblk') })).toEqual([]);
    const oldLsblk = join(dir, 'old-lsblk');
    writeFileSync(oldLsblk, '#!/bin/sh\necho "lsblk: invalid option -- \'J\'" >&2\nexit 1\n');
    chmodSync(oldLsblk, 0o755);
    expect(await readLinuxDisks(listening, { command: oldLsblk })).toEqual([]);
    expect(warnings).toEqual(['lsblk is not installed', "lsblk: invalid option -- 'J'"]);
    expect(await readLinuxDisks(log, { command: 'false' })).toEqual([]);
  });
});

describe('mergeDisks', () => {
  it('completes lsblk\'s disks with what systeminformation knows of the same device, and keeps disks only it lists', () => {
    const lsblk = [
      disk({ device: '/dev/sda', type: 'HD', model: 'WDC WD40EFRX-68N32N0', sizeBytes: 4_000_787_030_016, interfaceType: 'SATA' }),
      disk({ device: '/dev/vda', type: 'Virtual', sizeBytes: 274_877_906_944, interfaceType: 'virtio' }),
    ];
    const library = [
      disk({ device: '/dev/sda', type: 'HD', vendor: 'Western Digital', model: 'WDC WD40EFRX-68N32N0', serial: 'WD-WCC7K1234567', sizeBytes: 4_000_787_030_016, interfaceType: 'SATA' }),
      disk({ device: '/dev/sdb', type: 'SSD', vendor: 'ATA', model: 'KINGSTON SA400S37', sizeBytes: 240_057_409_536 }),
    ];
    expect(mergeDisks(lsblk, library)).toEqual([
      disk({ device: '/dev/sda', type: 'HD', vendor: 'Western Digital', model: 'WDC WD40EFRX-68N32N0', serial: 'WD-WCC7K1234567', sizeBytes: 4_000_787_030_016, interfaceType: 'SATA' }),
      disk({ device: '/dev/vda', type: 'Virtual', sizeBytes: 274_877_906_944, interfaceType: 'virtio' }),
      library[1]!,
    ]);
    // Where lsblk gave nothing (not Linux, or it failed), the library's list as it is.
    expect(mergeDisks([], library)).toEqual(library);
  });
});
