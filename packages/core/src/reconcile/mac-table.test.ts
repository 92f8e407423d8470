import { describe, expect, it } from 'vitest';
import { MacTable } from './mac-table.ts';

const hex = (n: number) => n.toString(16).padStart(2, '0');
const macOf = (octets: number[]) => octets.map(hex).join(':');

describe('MacTable', () => {
  it('keeps a value per MAC, overwrites it, and knows absent MACs', () => {
    const table = new MacTable(4);
    expect(table.get('00:1a:2b:3c:4d:5e')).toBeUndefined();
    table.set('00:1a:2b:3c:4d:5e', 7);
    table.set('00:1a:2b:3c:4d:5f', 0);
    expect(table.get('00:1a:2b:3c:4d:5e')).toBe(7);
    expect(table.get('00:1a:2b:3c:4d:5f')).toBe(0);
    table.set('00:1a:2b:3c:4d:5e', 9);
    expect(table.get('00:1a:2b:3c:4d:5e')).toBe(9);
    expect(table.size).toBe(2);
    expect(table.get('00:1a:2b:3c:4d:5d')).toBeUndefined();
  });

  it('tells apart MACs that differ in one hex digit anywhere', () => {
    const table = new MacTable(16);
    const base = 'ff:ee:dd:cc:bb:aa';
    const variants = [base];
    for (const at of [0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16]) variants.push(`${base.slice(0, at)}0${base.slice(at + 1)}`);
    variants.forEach((mac, i) => table.set(mac, i));
    expect(table.size).toBe(13);
    variants.forEach((mac, i) => expect(table.get(mac), mac).toBe(i));
  });

  it('grows past its expected size and answers as a Map does', () => {
    // Deterministic pseudo-random MACs, many sharing an OUI as a fleet's do, with repeats.
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
    const table = new MacTable(4);
    const expected = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const r = next();
      const oui = r % 3 === 0 ? [next() & 255, next() & 255, next() & 255] : [0x00, 0x1b, 0x21];
      const mac = macOf([...oui, (r >> 16) & 255, (r >> 8) & 255, r & 7]);
      table.set(mac, i);
      expected.set(mac, i);
    }
    expect(table.size).toBe(expected.size);
    for (const [mac, value] of expected) expect(table.get(mac)).toBe(value);
    for (let i = 0; i < 1000; i++) {
      const mac = macOf([0x02, i >> 8, i & 255, 0, 0, 1]); // locally administered: never inserted
      expect(table.get(mac)).toBeUndefined();
    }
  });

  it('forgets everything when cleared, and can be filled again', () => {
    const table = new MacTable(2);
    for (let i = 0; i < 100; i++) table.set(macOf([0, 0x1b, 0x21, 0, 0, i]), i);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get(macOf([0, 0x1b, 0x21, 0, 0, 5]))).toBeUndefined();
    table.set(macOf([0, 0x1b, 0x21, 0, 0, 5]), 1);
    expect(table.get(macOf([0, 0x1b, 0x21, 0, 0, 5]))).toBe(1);
  });
});
