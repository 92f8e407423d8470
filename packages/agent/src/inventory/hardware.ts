import { canonicalMac, type Inventory } from '@rollcall/protocol';
import { localTimeZone } from './time-zone.ts';

/** systeminformation fills fields it could not read with '' or '-'; the wire carries ''. */
export function clean(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  return text === '-' ? '' : text;
}

const positive = (n: number | null | undefined): number => (n != null && Number.isFinite(n) && n > 0 ? n : 0);

/** Reads this machine's hardware, OS and network identity (~0.2–1.5 s, mostly waiting on the OS). */
export async function collectHardware(): Promise<Inventory> {
  // Loaded here, not at the top: the daemon itself never needs it (inventories run in a child).
  const { default: si } = await import('systeminformation');
  const [system, bios, baseboard, chassis, ids, cpu, mem, memLayout, disks, nicsRaw, os] = await Promise.all([
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
  ]);
  const nics = Array.isArray(nicsRaw) ? nicsRaw : [nicsRaw];
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
      modules: memLayout.map((m) => ({
        sizeBytes: positive(m.size),
        type: clean(m.type),
        manufacturer: clean(m.manufacturer),
        partNumber: clean(m.partNum),
        serial: clean(m.serialNum),
        clockMhz: positive(m.clockSpeed),
      })),
    },
    disks: disks.map((d) => ({
      device: clean(d.device),
      type: clean(d.type),
      vendor: clean(d.vendor),
      model: clean(d.name),
      serial: clean(d.serialNum),
      sizeBytes: positive(d.size),
      interfaceType: clean(d.interfaceType),
    })),
    networkInterfaces: nics
      .filter((nic) => !nic.internal)
      .map((nic) => ({
        name: nic.iface,
        mac: canonicalMac(nic.mac) ?? '',
        ipv4: nic.ip4 ? [nic.ip4] : [],
        ipv6: nic.ip6 ? [nic.ip6] : [],
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
      serial: clean(os.serial),
      fqdn: clean(os.fqdn),
      timeZone: localTimeZone(),
    },
  };
}
