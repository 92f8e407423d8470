import type { Systeminformation } from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { memoryModules } from './memory.ts';

const GIB = 2 ** 30;

/** A memLayout() entry as systeminformation returns it. */
const slot = (fields: Partial<Systeminformation.MemLayoutData>): Systeminformation.MemLayoutData => ({
  size: 0,
  bank: '',
  type: '',
  ecc: null,
  clockSpeed: 0,
  formFactor: '',
  manufacturer: '',
  partNum: '',
  serialNum: '',
  voltageConfigured: null,
  voltageMin: null,
  voltageMax: null,
  ...fields,
});

describe('memoryModules', () => {
  it('reports the modules DMI lists on a laptop, without its empty slots', () => {
    const dmi = [
      slot({ size: 8 * GIB, bank: 'BANK 0', type: 'DDR4', clockSpeed: 3200, formFactor: 'SODIMM', manufacturer: 'Samsung', partNum: 'M471A1K43DB1-CWE', serialNum: '41B2C3D4', ecc: false }),
      slot({ bank: 'BANK 1', type: 'Empty', formFactor: 'SODIMM' }),
      slot({ size: 8 * GIB, bank: 'BANK 2', type: 'DDR4', clockSpeed: 3200, formFactor: 'SODIMM', manufacturer: 'Samsung', partNum: 'M471A1K43DB1-CWE', serialNum: '41B2C3E5', ecc: false }),
      slot({ bank: 'BANK 3', type: 'Empty', formFactor: 'SODIMM' }),
    ];
    expect(memoryModules(dmi, 16_602_116_096)).toEqual([
      { sizeBytes: 8 * GIB, type: 'DDR4', manufacturer: 'Samsung', partNumber: 'M471A1K43DB1-CWE', serial: '41B2C3D4', clockMhz: 3200 },
      { sizeBytes: 8 * GIB, type: 'DDR4', manufacturer: 'Samsung', partNumber: 'M471A1K43DB1-CWE', serial: '41B2C3E5', clockMhz: 3200 },
    ]);
  });

  it('reports a VM\'s DMI module (QEMU describes one), whose size is what is fitted, not the total the kernel keeps', () => {
    const qemu = [slot({ size: 24 * GIB, bank: '', type: 'RAM', manufacturer: 'QEMU', formFactor: 'DIMM', serialNum: '', partNum: '' })];
    expect(memoryModules(qemu, 25_276_182_528)).toEqual([
      { sizeBytes: 24 * GIB, type: 'RAM', manufacturer: 'QEMU', partNumber: '', serial: '', clockMhz: 0 },
    ]);
  });

  it('reports no module when the library only knew the total: its one made-up module of the whole memory', () => {
    // What systeminformation 5 returns in a container (no DMI data) or without root: this host's own output.
    const { manufacturer: _, ...madeUp } = slot({ size: 25_276_182_528 });
    expect(memoryModules([madeUp as Systeminformation.MemLayoutData], 25_276_182_528)).toEqual([]);
    // On a Raspberry Pi it guesses a type and a form factor for the same made-up module.
    expect(memoryModules([slot({ size: 8_190_000_000, type: 'LPDDR4X', clockSpeed: 3200, formFactor: 'SoC', ecc: false })], 8_190_000_000)).toEqual([]);
    expect(memoryModules([], 8_190_000_000)).toEqual([]);
  });
});
