import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../log.ts';

const run = promisify(execFile);

/** A disk as the inventory reports it (the protocol's Disk, every field set). */
export interface DiskInfo {
  device: string;
  type: string;
  vendor: string;
  model: string;
  serial: string;
  sizeBytes: number;
  interfaceType: string;
}

/**
 * Whole devices only (`--nodeps`: no partitions, LVM volumes or RAID arrays), sizes in bytes,
 * columns every lsblk with JSON output knows (util-linux 2.27 and later).
 */
export const LSBLK_ARGS = ['-J', '-b', '--nodeps', '-o', 'NAME,TYPE,SIZE,MODEL,SERIAL,VENDOR,TRAN,ROTA,RM'];

/** What a disk's own sysfs directory says beyond lsblk. */
export interface SysBlock {
  /** Whether `/sys/block/NAME/device` exists: the device is backed by hardware (a controller, a virtio or Xen device). */
  hasDevice(name: string): boolean;
  /** The serial the kernel exposes, for devices lsblk shows none for (virtio: `/sys/block/vda/serial`). */
  serial(name: string): string;
}

/** Reads a sysfs tree; `root` is `/sys` on a real host. */
export function sysBlockAt(root = '/sys'): SysBlock {
  const read = (...path: string[]) => {
    try {
      return readFileSync(join(root, 'block', ...path), 'utf8').trim();
    } catch {
      return '';
    }
  };
  return {
    hasDevice: (name) => existsSync(join(root, 'block', name, 'device')),
    serial: (name) => read(name, 'serial') || read(name, 'device', 'serial'),
  };
}

// Before util-linux 2.33 lsblk -J printed every value as a string ("1", "500107862016").
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const flag = (value: unknown): boolean => value === true || value === '1';
const bytes = (value: unknown): number => {
  const n = typeof value === 'number' ? value : /^\d+$/.test(text(value)) ? Number(text(value)) : 0;
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

/** virtio-blk (`vda`) and Xen (`xvda`) disks: their "rotational" flag is the kernel's default, not the medium. */
const VIRTUAL_DISK = /^(x?vd)[a-z]+$/;
/** An eMMC's boot areas are listed as disks of their own; they are part of the eMMC. */
const EMMC_BOOT_AREA = /^mmcblk\d+boot\d+$/;

/**
 * libata presents every ATA disk to the SCSI layer with the vendor "ATA", and virtio disks show the
 * virtio vendor id: neither is who made the disk.
 */
function vendorName(vendor: string): string {
  if (vendor === 'ATA') return '';
  if (vendor.toLowerCase() === '0x1af4') return 'Red Hat, Inc.'; // virtio's PCI vendor, as FusionInventory names it
  return /^0x[0-9a-f]+$/i.test(vendor) ? '' : vendor;
}

function diskType(name: string, lsblkType: string, tran: string, rotational: boolean, removable: boolean): string {
  if (lsblkType === 'rom') return 'Optical';
  if (removable) return 'Removable';
  if (tran === 'nvme' || name.startsWith('nvme')) return 'NVMe';
  if (name.startsWith('mmcblk')) return 'MMC'; // eMMC or SD card
  if (VIRTUAL_DISK.test(name)) return 'Virtual';
  return rotational ? 'HD' : 'SSD';
}

function interfaceType(name: string, tran: string): string {
  if (tran === 'nvme' || (!tran && name.startsWith('nvme'))) return 'PCIe'; // as systeminformation says
  if (tran) return tran.toUpperCase();
  if (name.startsWith('mmcblk')) return 'MMC';
  if (name.startsWith('vd')) return 'virtio';
  if (name.startsWith('xvd')) return 'Xen';
  return '';
}

/**
 * The disks in `lsblk -J` output ({@link LSBLK_ARGS}): top-level disks and optical drives backed
 * by hardware. Left out, as FusionInventory and the GLPI agent leave them out: loop devices,
 * RAM disks and zram swap (no device behind them), network block devices, partitions and whatever
 * is built on disks (nested under them when lsblk runs without `--nodeps`). A drive without a
 * medium (an empty card reader or DVD drive) is listed with size 0. Throws when the output is not
 * lsblk's JSON.
 */
export function parseLsblk(stdout: string, sys: SysBlock): DiskInfo[] {
  const json = JSON.parse(stdout) as { blockdevices?: unknown };
  if (!Array.isArray(json?.blockdevices)) throw new Error('lsblk printed no blockdevices list');
  const disks: DiskInfo[] = [];
  for (const item of json.blockdevices as Record<string, unknown>[]) {
    const name = text(item?.name);
    const type = text(item?.type);
    if (!name || (type !== 'disk' && type !== 'rom') || EMMC_BOOT_AREA.test(name) || !sys.hasDevice(name)) continue;
    const tran = text(item.tran).toLowerCase();
    disks.push({
      device: `/dev/${name}`,
      type: diskType(name, type, tran, flag(item.rota), flag(item.rm)),
      vendor: vendorName(text(item.vendor)),
      model: text(item.model),
      serial: text(item.serial) || sys.serial(name),
      sizeBytes: bytes(item.size),
      interfaceType: interfaceType(name, tran),
    });
  }
  return disks;
}

/**
 * This Linux machine's disks as lsblk and sysfs list them; none (with a warning saying why) when
 * lsblk is missing, too old for JSON, or fails.
 */
export async function readLinuxDisks(log: Logger | undefined, { sys = sysBlockAt(), command = 'lsblk' }: { sys?: SysBlock; command?: string } = {}): Promise<DiskInfo[]> {
  let stdout: string;
  try {
    ({ stdout } = await run(command, LSBLK_ARGS, { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LC_ALL: 'C.UTF-8' } }));
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const why = failure.code === 'ENOENT' ? 'lsblk is not installed' : String(failure.stderr ?? '').trim() || failure.message;
    log?.warn({ err: why }, 'could not list block devices with lsblk; disks are those systeminformation lists');
    return [];
  }
  try {
    return parseLsblk(stdout, sys);
  } catch (error) {
    log?.warn({ err: (error as Error).message }, 'could not read the output of lsblk; disks are those systeminformation lists');
    return [];
  }
}

/**
 * One list of disks: lsblk's, completed by what systeminformation knows of the same device (a
 * model, a serial, the maker it derives from the model: "WDC …" → Western Digital), then any disk
 * only systeminformation lists. Type and interface stay lsblk's: they tell removable, optical and
 * virtual disks apart.
 */
export function mergeDisks(fromLsblk: DiskInfo[], fromLibrary: DiskInfo[]): DiskInfo[] {
  const library = new Map(fromLibrary.map((disk) => [disk.device, disk]));
  const merged = fromLsblk.map((disk) => {
    const known = library.get(disk.device);
    if (!known) return disk;
    return {
      ...disk,
      vendor: vendorName(known.vendor) || disk.vendor,
      model: disk.model || known.model,
      serial: disk.serial || known.serial,
      sizeBytes: disk.sizeBytes || known.sizeBytes,
      interfaceType: disk.interfaceType || known.interfaceType,
    };
  });
  const listed = new Set(fromLsblk.map((disk) => disk.device));
  return [...merged, ...fromLibrary.filter((disk) => !listed.has(disk.device))];
}
