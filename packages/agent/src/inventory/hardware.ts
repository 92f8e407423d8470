import { networkInterfaces } from 'node:os';
import { canonicalMac, type Inventory } from '@rollcall/protocol';
import type { Logger } from '../log.ts';
import { addressesByInterface } from './addresses.ts';
import { mergeDisks, readLinuxDisks, type DiskInfo } from './linux-disks.ts';
import { memoryModules } from './memory.ts';
import { localTimeZone } from './time-zone.ts';
import { clean, positive } from './values.ts';

/**
 * The OS product serial exists on Windows only. Elsewhere systeminformation fills `serial` with
 * something else (Linux: the machine-id, already reported as `machineId`; macOS: the hardware UUID).
 */
export const osProductSerial = (platform: string, serial: string): string => (platform === 'win32' ? clean(serial) : '');

/** Reads this machine's hardware, OS and network identity (~0.2–1.5 s, mostly waiting on the OS). */
export async function collectHardware(log?: Logger): Promise<Inventory> {
  // Loaded here, not at the top: the daemon itself never needs it (inventories run in a child).
  const { default: si } = await import('systeminformation');
  const [system, bios, baseboard, chassis, ids, cpu, mem, memLayout, disks, nicsRaw, os, lsblkDisks] = await Promise.all([
    si.system(),
    si.bios(),
    si.baseboard(),
    si.chassis(),
    si.uuid(),
    si.cpu(),
    si.mem(),
    si.memLayout(),
    si.diskLayout(),
    si.networkInterfaces(),
    si.osInfo(),
    // systeminformation drops disks without a model (every virtio disk) and disks mounted whole.
    process.platform === 'linux' ? readLinuxDisks(log) : [],
  ]);
  const nics = Array.isArray(nicsRaw) ? nicsRaw : [nicsRaw];
  const addresses = addressesByInterface(networkInterfaces());
  return {
    collectedAtMs: Date.now(),
    hostname: clean(os.hostname),
    machineId: clean(ids.os),
    system: {
      manufacturer: clean(system.manufacturer),
      model: clean(system.model),
      serial: clean(system.serial),
      uuid: clean(system.uuid).toLowerCase(),
      sku: clean(system.sku),
      virtual: system.virtual,
      virtualHost: clean(system.virtualHost),
      chassisType: clean(chassis.type),
      assetTag: clean(chassis.assetTag),
    },
    bios: {
      vendor: clean(bios.vendor),
      version: clean(bios.version),
      releaseDate: clean(bios.releaseDate),
      serial: clean(bios.serial),
    },
    baseboard: {
      manufacturer: clean(baseboard.manufacturer),
      model: clean(baseboard.model),
      serial: clean(baseboard.serial),
      version: clean(baseboard.version),
      assetTag: clean(baseboard.assetTag),
    },
    cpu: {
      manufacturer: clean(cpu.manufacturer),
      brand: clean(cpu.brand),
      cores: positive(cpu.cores),
      physicalCores: positive(cpu.physicalCores),
      speedGhz: positive(cpu.speed),
      architecture: clean(os.arch),
    },
    memory: {
      totalBytes: mem.total,
      modules: memoryModules(memLayout, mem.total),
    },
    disks: mergeDisks(
      lsblkDisks,
      disks.map((d): DiskInfo => ({
        device: clean(d.device),
        type: clean(d.type),
        vendor: clean(d.vendor),
        model: clean(d.name),
        serial: clean(d.serialNum),
        sizeBytes: positive(d.size),
        interfaceType: clean(d.interfaceType),
      })),
    ),
    networkInterfaces: nics
      .filter((nic) => !nic.internal)
      .map((nic) => ({
        name: nic.iface,
        mac: canonicalMac(nic.mac) ?? '',
        ipv4: addresses.get(nic.iface)?.ipv4 ?? (nic.ip4 ? [nic.ip4] : []),
        ipv6: addresses.get(nic.iface)?.ipv6 ?? (nic.ip6 ? [nic.ip6] : []),
        type: clean(nic.type),
        virtual: nic.virtual,
        speedMbps: positive(nic.speed),
        up: nic.operstate === 'up',
      })),
    os: {
      platform: clean(os.platform),
      distro: clean(os.distro),
      release: clean(os.release),
      codename: clean(os.codename),
      kernel: clean(os.kernel),
      arch: clean(os.arch),
      build: clean(os.build),
      serial: osProductSerial(process.platform, os.serial),
      fqdn: clean(os.fqdn),
      timeZone: localTimeZone(),
    },
  };
}
