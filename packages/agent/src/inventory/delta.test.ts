import { applyInventoryDelta, encodeFrame, frameToObject, inventoryToObject, type Inventory } from '@rollcall/protocol';
import { describe, expect, it } from 'vitest';
import { hashSections, planInventoryReport } from './delta.ts';

const software = Array.from({ length: 300 }, (_, i) => ({ name: `pkg-${i}`, version: `1.${i}`, publisher: 'Debian', source: 'dpkg', arch: 'amd64' }));
const inventory: Inventory = {
  collectedAtMs: 1,
  hostname: 'lab-07',
  machineId: 'm',
  system: { serial: 'PF3ABCDE', model: 'T14' },
  os: { distro: 'Debian', release: '12' },
  networkInterfaces: [{ name: 'eth0', mac: '3c:9c:0f:12:34:56', ipv4: ['192.0.2.10'] }],
  software,
  neighbours: [{ ip: '192.0.2.1', mac: '00:1a:2b:3c:4d:5e', interface: 'eth0', state: 'reachable' }],
};

describe('inventory deltas', () => {
  it('sends everything when there is no base, and every 15th time', () => {
    expect(planInventoryReport(inventory, undefined, 15).full).toBe(true);
    const base = { hashes: hashSections(inventory), seq: 5, sinceFull: 14 };
    expect(planInventoryReport(inventory, base, 15).full).toBe(true);
  });

  it('sends no section when nothing changed, in well under 1 KB', () => {
    const plan = planInventoryReport({ ...inventory, collectedAtMs: 2 }, { hashes: hashSections(inventory), seq: 5, sinceFull: 0 }, 15);
    expect(plan.full).toBe(false);
    expect(plan.report.sections).toEqual([]);
    expect(encodeFrame({ seq: 9, kind: 'inventory', inventory: plan.report }).byteLength).toBeLessThan(1024);
  });

  it('sends only the software section when one package changes, and applying it gives the fresh full inventory', () => {
    const upgraded: Inventory = { ...inventory, collectedAtMs: 3, software: software.map((p, i) => (i === 42 ? { ...p, version: '9.9' } : p)) };
    const plan = planInventoryReport(upgraded, { hashes: hashSections(inventory), seq: 5, sinceFull: 0 }, 15);
    expect(plan.report.sections).toEqual(['software']);
    expect(Object.keys(plan.report).sort()).toEqual(['collectedAtMs', 'partial', 'sections', 'software']);
    const merged = applyInventoryDelta(inventory, plan.report);
    const comparable = (inv: Inventory) => ({ ...inventoryToObject(inv), partial: false, collectedAtMs: 0, sections: [] });
    expect(comparable(merged)).toEqual(comparable(upgraded));
    // and it survives the wire
    const wire = frameToObject({ seq: 1, kind: 'inventory', inventory: plan.report });
    expect((wire.inventory as { sections: string[] }).sections).toEqual(['software']);
  });

  it('sends the os section when the machine moves to another time zone', () => {
    const berlin: Inventory = { ...inventory, os: { ...inventory.os, timeZone: 'Europe/Berlin' } };
    const lisbon: Inventory = { ...inventory, collectedAtMs: 4, os: { ...inventory.os, timeZone: 'Europe/Lisbon' } };
    const plan = planInventoryReport(lisbon, { hashes: hashSections(berlin), seq: 5, sinceFull: 0 }, 15);
    expect(plan.report.sections).toEqual(['os']);
    expect(plan.report.os).toEqual({ distro: 'Debian', release: '12', timeZone: 'Europe/Lisbon' });
    expect(planInventoryReport(berlin, { hashes: hashSections(berlin), seq: 5, sinceFull: 0 }, 15).report.sections).toEqual([]);
  });
});
