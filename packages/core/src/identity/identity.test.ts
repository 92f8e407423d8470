import { describe, expect, it } from 'vitest';
import {
  byteSwapUuid,
  isIdentifyingMac,
  macKind,
  normalizeHostname,
  normalizeMac,
  normalizeSerial,
  uuidKey,
  validSerial,
  validUuid,
} from './index.ts';

describe('serials', () => {
  it('trims, collapses spaces and upper-cases', () => {
    expect(normalizeSerial('  pf3 \t abcde ')).toBe('PF3 ABCDE');
    expect(validSerial('c02xl0gsjgh5')).toBe('C02XL0GSJGH5');
  });

  it.each([
    '', '   ', '0', 'None', 'N/A', 'Default string', 'To Be Filled By O.E.M.', 'System Serial Number',
    'Chassis Serial Number', 'Not Specified', 'Not Applicable', '0123456789', '123456789',
    '1234567890', '00000000', 'FFFFFFFF', 'xxxxxxxx', 'aaaa', '-----', '0-0-0', '1 1 1',
  ])('junk serial %j never identifies', (raw) => {
    expect(validSerial(raw)).toBeNull();
  });

  it('keeps VMware-style serials, which are real', () => {
    expect(validSerial('VMware-56 4d 9a 1b')).toBe('VMWARE-56 4D 9A 1B');
  });

  it('keeps an already normalised serial as it is, and still checks it for junk', () => {
    expect(validSerial('PF3ABCDE')).toBe('PF3ABCDE');
    expect(validSerial('SYSTEM SERIAL NUMBER')).toBeNull();
    expect(validSerial('Pf3abcde')).toBe('PF3ABCDE');
  });
});

describe('SMBIOS UUIDs', () => {
  it('normalises case, braces and missing hyphens', () => {
    expect(validUuid('{4C4C4544-0042-3510-8052-B4C04F564E32}')).toBe('4c4c4544-0042-3510-8052-b4c04f564e32');
    expect(validUuid('4C4C454400423510 8052B4C04F564E32'.replace(' ', ''))).toBe('4c4c4544-0042-3510-8052-b4c04f564e32');
  });

  it.each([
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    '03000200-0400-0500-0006-000700080009',
    '00020003-0004-0005-0006-000700080009',
    'not-a-uuid',
    '',
  ])('junk UUID %j never identifies', (raw) => {
    expect(validUuid(raw)).toBeNull();
  });

  it('treats a UUID and its byte-swapped form as one key', () => {
    const uuid = '564d7a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const swapped = byteSwapUuid(uuid);
    expect(swapped).toBe('1b7a4d56-3d2c-5f4e-8a9b-0c1d2e3f4a5b');
    expect(byteSwapUuid(swapped)).toBe(uuid);
    expect(uuidKey(uuid)).toBe(uuidKey(swapped));
    expect(uuidKey(uuid)).not.toBe(uuidKey('564d7a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5c'));
  });
});

describe('MACs', () => {
  it('normalises every common notation', () => {
    for (const raw of ['00-1A-2B-3C-4D-5E', '001a.2b3c.4d5e', '001A2B3C4D5E', '00:1a:2b:3c:4d:5e']) {
      expect(normalizeMac(raw)).toBe('00:1a:2b:3c:4d:5e');
    }
  });

  it.each([
    ['00:1a:2b:3c:4d:5e', 'universal', true],
    ['02:42:ac:11:00:02', 'local', false], // docker, randomised Wi-Fi
    ['da:a1:19:00:00:01', 'local', false],
    ['01:00:5e:00:00:fb', 'multicast', false],
    ['0b:00:00:00:00:01', 'multicast', false], // flag bits read from a hex letter
    ['fe:ed:00:00:00:01', 'local', false],
    ['ac:de:48:00:11:22', 'universal', true],
    ['00:00:00:00:00:00', 'zero', false],
    ['ff:ff:ff:ff:ff:ff', 'broadcast', false],
    ['20:41:53:59:4e:ff', 'universal', false], // one MAC for every unit of some adapters
  ] as const)('%s is %s (identifying: %s)', (mac, kind, identifying) => {
    expect(macKind(mac)).toBe(kind);
    expect(isIdentifyingMac(mac)).toBe(identifying);
  });
});

describe('hostnames', () => {
  it.each([
    ['LAB-07.corp.example.', 'lab-07'],
    ['  Lab-07 ', 'lab-07'],
    ['lab-07', 'lab-07'],
    ['lab-07.corp.example', 'lab-07'],
    ['localhost.', null],
    ['LOCALHOST', null],
    ['.', null],
    ['.corp.example', null],
    ['192.0.2.10.', null],
    ['1e100.example', '1e100'],
    ['', null],
    ['localhost', null],
    ['192.0.2.10', null],
    ['fe80::1', null],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeHostname(raw)).toBe(expected);
  });
});
