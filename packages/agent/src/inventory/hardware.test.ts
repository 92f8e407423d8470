import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import si from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { inventoryMacs } from '@rollcall/protocol';
import { collectHardware, osProductSerial } from './hardware.ts';
import { localTimeZone } from './time-zone.ts';

const linux = process.platform === 'linux';
const hasTool = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

// systeminformation marks fields it could not read with '-' (e.g. the serial in a container).
const unknownAsEmpty = (value: string) => (value.trim() === '-' ? '' : value.trim());

describe('collectHardware on this machine', () => {
  it('reports the identity systeminformation reports, empty where it is empty', async () => {
    const [inventory, system, ids, os, nics] = await Promise.all([
      collectHardware(),
      si.system(),
      si.uuid(),
      si.osInfo(),
      si.networkInterfaces(),
    ]);
    expect(inventory.system?.serial).toBe(unknownAsEmpty(system.serial));
    expect(inventory.system?.uuid).toBe(unknownAsEmpty(system.uuid).toLowerCase());
    expect(inventory.machineId).toBe(ids.os);
    expect(inventory.machineId).not.toBe('');
    expect(inventory.hostname).toBe(os.hostname);
    expect(inventory.os?.timeZone).toBe(localTimeZone());

    const expectedMacs = (Array.isArray(nics) ? nics : [nics])
      .filter((nic) => !nic.internal && nic.mac && nic.mac !== '00:00:00:00:00:00')
      .map((nic) => nic.mac.toLowerCase());
    expect(inventoryMacs(inventory)).toEqual([...new Set(expectedMacs)].sort());
  });

  it('writes every MAC in lower-case colon form', async () => {
    const inventory = await collectHardware();
    const macs = (inventory.networkInterfaces ?? []).map((nic) => nic.mac).filter(Boolean);
    expect(macs.length).toBeGreaterThan(0);
    for (const mac of macs) expect(mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
  });

  it('never reports systeminformation\'s "-" placeholder', async () => {
    const text = JSON.stringify(await collectHardware());
    expect(text).not.toContain('"-"');
  });

  // A container: no DMI tables, so nothing on this host can name a memory module.
  it.runIf(linux && !existsSync('/sys/firmware/dmi/tables/DMI'))('reports the total memory and no module where the host has no DMI data', async () => {
    const [inventory, layout, mem] = await Promise.all([collectHardware(), si.memLayout(), si.mem()]);
    // systeminformation makes one module up: the whole memory, no bank, type or maker.
    expect(layout).toMatchObject([{ size: mem.total, bank: '', type: '', partNum: '', serialNum: '' }]);
    expect(inventory.memory).toEqual({ totalBytes: mem.total, modules: [] });
  });

  it.runIf(linux && hasTool('lsblk', ['--version']))('lists every disk lsblk shows that hardware backs, with its size, model and serial', async () => {
    const { blockdevices } = JSON.parse(execFileSync('lsblk', ['-J', '-b', '--nodeps', '-o', 'NAME,TYPE,SIZE,MODEL'], { encoding: 'utf8' })) as {
      blockdevices: { name: string; type: string; size: number | string; model: string | null }[];
    };
    // Loop devices, zram and RAM disks have no `device` in sysfs: nothing physical (or virtual hardware) behind them.
    const expected = blockdevices
      .filter((d) => (d.type === 'disk' || d.type === 'rom') && existsSync(`/sys/block/${d.name}/device`) && !/^mmcblk\d+boot\d+$/.test(d.name))
      .map((d) => ({ device: `/dev/${d.name}`, sizeBytes: Number(d.size), model: (d.model ?? '').trim() }));
    const inventory = await collectHardware();
    expect(expected.length).toBeGreaterThan(0); // this machine kind has its vda
    expect(inventory.disks?.map((d) => ({ device: d.device, sizeBytes: d.sizeBytes, model: d.model }))).toEqual(expected);
    for (const disk of inventory.disks ?? []) {
      const name = disk.device!.slice('/dev/'.length);
      const serial = execFileSync('lsblk', ['-n', '-d', '-o', 'SERIAL', `/dev/${name}`], { encoding: 'utf8' }).trim();
      const sysSerial = ['serial', 'device/serial'].map((file) => (existsSync(`/sys/block/${name}/${file}`) ? readFileSync(`/sys/block/${name}/${file}`, 'utf8').trim() : '')).find(Boolean);
      expect(disk.serial).toBe(serial || sysSerial || '');
    }
  });

  it.runIf(linux && hasTool('ip', ['-V']))('keeps every IPv4 and IPv6 address of each interface, as `ip -j addr` lists them', async () => {
    const links = JSON.parse(execFileSync('ip', ['-j', 'addr'], { encoding: 'utf8' })) as { ifname: string; addr_info: { family: string; local: string }[] }[];
    const inventory = await collectHardware();
    const nics = inventory.networkInterfaces ?? [];
    expect(nics.length).toBeGreaterThan(0);
    for (const nic of nics) {
      const link = links.find((l) => l.ifname === nic.name);
      expect(link, nic.name ?? '').toBeDefined();
      const addresses = (family: string) => link!.addr_info.filter((a) => a.family === family).map((a) => a.local).sort();
      expect({ name: nic.name, ipv4: [...(nic.ipv4 ?? [])].sort(), ipv6: [...(nic.ipv6 ?? [])].sort() }).toEqual({ name: nic.name, ipv4: addresses('inet'), ipv6: addresses('inet6') });
    }
    // This machine kind's eth0 has a global and a link-local IPv6 address: both are kept.
    expect(nics.some((nic) => (nic.ipv6?.length ?? 0) > 1)).toBe(true);
  });

  it.runIf(linux)('leaves the OS product serial empty on Linux, where systeminformation puts the machine-id there', async () => {
    const [inventory, os, ids] = await Promise.all([collectHardware(), si.osInfo(), si.uuid()]);
    expect(os.serial).toBe(ids.os); // what the library calls the OS serial is the machine-id…
    expect(inventory.machineId).toBe(ids.os); // …which the inventory reports as such
    expect(inventory.os?.serial).toBe('');
  });
});

describe('osProductSerial', () => {
  it('is the Windows product serial on Windows, and empty elsewhere', () => {
    expect(osProductSerial('win32', ' 00330-80000-00000-AA123 ')).toBe('00330-80000-00000-AA123');
    expect(osProductSerial('linux', '3d1219c7c4c5404aaa1f6d2a48adfda4')).toBe('');
    expect(osProductSerial('darwin', '6A1B2C3D-0000-5000-8000-00112233AABB')).toBe('');
    expect(osProductSerial('freebsd', '6a1b2c3d-0000-5000-8000-00112233aabb')).toBe('');
  });
});
