import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STATUSES, type LifecycleStatus } from '@rollcall/core';
import { mapStatus, parseStatusName } from './status.ts';

const noUser = { assignedUser: null };

describe('mapStatus', () => {
  it.each(LIFECYCLE_STATUSES)('reads our own name %s in any spelling', (status) => {
    const words = status.split('_');
    for (const label of [status, status.toUpperCase(), words.join(' '), words.join('-'), words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ')]) {
      expect(mapStatus(label, noUser)).toBe(status);
    }
  });

  it('reads In Stock, in-stock and IN_STOCK alike', () => {
    expect(['In Stock', 'in-stock', 'IN_STOCK', ' in stock '].map((label) => mapStatus(label, noUser))).toEqual(['in_stock', 'in_stock', 'in_stock', 'in_stock']);
  });

  it.each([
    ['Deployed', 'deployed'],
    ['Ready to Deploy', 'in_stock'],
    ['Pending', 'ordered'],
    ['Out for Repair', 'in_repair'],
    ['Out for Diagnostics', 'in_repair'],
    ['Lost/Stolen', 'lost'],
    ['Broken - Not Fixable', 'retired'],
    ['Archived', 'retired'],
    ['READY TO DEPLOY', 'in_stock'],
    ['lost / stolen', 'lost'],
    ['broken-not fixable', 'retired'],
  ] as const)('maps the Snipe-IT label %j to %s', (label, status) => {
    expect(mapStatus(label, noUser)).toBe(status);
  });

  it('treats Ready to Deploy with an assigned user as deployed', () => {
    expect(mapStatus('Ready to Deploy', { assignedUser: 'Jane Doe' })).toBe('deployed');
    expect(mapStatus('Ready to Deploy', { assignedUser: null })).toBe('in_stock');
    expect(mapStatus('Ready to Deploy', { assignedUser: '  ' })).toBe('in_stock');
    // Only that label: a user on an archived asset does not make it deployed.
    expect(mapStatus('Archived', { assignedUser: 'Jane Doe' })).toBe('retired');
    expect(mapStatus('in_stock', { assignedUser: 'Jane Doe' })).toBe('in_stock');
  });

  it('returns null for anything else', () => {
    for (const label of ['', '   ', 'Borrowed', 'deployable', 'in stock!?x', 'Ready']) {
      expect(mapStatus(label, noUser)).toBeNull();
    }
  });

  it('lets --status-map win over everything, with keys compared leniently', () => {
    const statusMap: Record<string, LifecycleStatus> = { 'On Loan': 'deployed', 'ready to deploy': 'planned', DEPLOYED: 'in_repair' };
    expect(mapStatus('on loan', { assignedUser: null, statusMap })).toBe('deployed');
    expect(mapStatus('ON_LOAN', { assignedUser: null, statusMap })).toBe('deployed');
    expect(mapStatus('Ready to Deploy', { assignedUser: 'Jane Doe', statusMap })).toBe('planned');
    expect(mapStatus('deployed', { assignedUser: null, statusMap })).toBe('in_repair');
    expect(mapStatus('Pending', { assignedUser: null, statusMap })).toBe('ordered'); // not in the map: built-in
    expect(mapStatus('Borrowed', { assignedUser: null, statusMap })).toBeNull();
  });
});

describe('parseStatusName', () => {
  it('accepts our names only, leniently spelt', () => {
    expect(parseStatusName('In Repair')).toBe('in_repair');
    expect(parseStatusName('disposed')).toBe('disposed');
    expect(parseStatusName('Ready to Deploy')).toBeNull();
    expect(parseStatusName('broken')).toBeNull();
  });
});
