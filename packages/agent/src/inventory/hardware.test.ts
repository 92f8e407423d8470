import si from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { inventoryMacs } from '@rollcall/protocol';
import { collectHardware } from './hardware.ts';
import { localTimeZone } from './time-zone.ts';

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
});
