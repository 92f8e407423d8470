import { describe, expect, it } from 'vitest';
import { canonicalMac } from './mac.ts';

describe('canonicalMac', () => {
  it.each([
    ['00:1a:2b:3c:4d:5e', '00:1a:2b:3c:4d:5e'],
    ['00:1A:2B:3C:4D:5E', '00:1a:2b:3c:4d:5e'],
    ['00-1A-2B-3C-4D-5E', '00:1a:2b:3c:4d:5e'],
    ['001a.2b3c.4d5e', '00:1a:2b:3c:4d:5e'],
    ['001A2B3C4D5E', '00:1a:2b:3c:4d:5e'],
    [' 0:1a:2b:3:4d:5e ', '00:1a:2b:03:4d:5e'],
    ['00 1a 2b 3c 4d 5e', '00:1a:2b:3c:4d:5e'],
    ['0-1A-2b-3-4d-5E', '00:1a:2b:03:4d:5e'],
    ['AABB.CCDD.EEFF', 'aa:bb:cc:dd:ee:ff'],
    ['aabbccddeeff', 'aa:bb:cc:dd:ee:ff'],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalMac(raw)).toBe(expected);
  });

  it.each(['', 'zz:1a:2b:3c:4d:5e', '00:1a:2b:3c:4d', '00:1a:2b:3c:4d:5e:6f', 'hello', '001:a2:b3:c4:d5:e', '00:1a-2b:3c:4d:5e', '001a.2b3c4d5e'])(
    'rejects %j',
    (raw) => {
      expect(canonicalMac(raw)).toBeNull();
    },
  );

  it('rejects null and undefined', () => {
    expect(canonicalMac(null)).toBeNull();
    expect(canonicalMac(undefined)).toBeNull();
  });
});
