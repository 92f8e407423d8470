import { describe, expect, it } from 'vitest';
import type { InstalledPackage } from '../store/inventories.ts';
import { renderInstalls } from './software.ts';

const install = (hostname: string, agentId: string, version: string): InstalledPackage => ({
  deviceId: `dev-${agentId}`,
  agentId,
  hostname,
  name: 'openssl',
  version,
  source: 'dpkg',
  arch: 'amd64',
  publisher: 'Debian OpenSSL Team',
  section: 'utils',
  installedAt: null,
  reportedAt: '2026-11-24T08:00:00.000Z',
});

const installs = [install('lab-07', 'a1', '3.0.15-1~deb12u1'), install('lab-08', 'a2', '3.0.15-1~deb12u1'), install('old-box', 'a3', '3.0.11-1~deb12u2')];

describe('renderInstalls', () => {
  it('counts devices per version above the installs', () => {
    const text = renderInstalls({ name: 'openssl', total: 3, limit: 1000, offset: 0, installs }, 'table');
    expect(text.split('\n').slice(0, 3)).toEqual(['3 installs of packages named like "openssl":', '  openssl 3.0.15-1~deb12u1: 2 devices', '  openssl 3.0.11-1~deb12u2: 1 device']);
    expect(text).toMatch(/old-box +│ openssl +│ 3\.0\.11-1~deb12u2 +│ dpkg/);
  });

  it('says which part of a longer list it shows, and when nothing matches', () => {
    expect(renderInstalls({ name: 'openssl', total: 40, limit: 3, offset: 3, installs }, 'table').split('\n')[0]).toBe('40 installs of packages named like "openssl" (4–6 here; --limit and --offset page on):');
    expect(renderInstalls({ name: 'nope', total: 0, limit: 1000, offset: 0, installs: [] }, 'table')).toBe('No device\'s latest inventory lists a package whose name contains "nope".\n');
  });

  it('writes every field of every install as CSV', () => {
    const [header, first] = renderInstalls({ name: 'openssl', total: 3, limit: 1000, offset: 0, installs }, 'csv').split('\n');
    expect(header).toBe('Hostname,Name,Version,Source,Arch,Installed,Publisher,Section,Agent,Device id,Reported');
    expect(first).toBe('lab-07,openssl,3.0.15-1~deb12u1,dpkg,amd64,,Debian OpenSSL Team,utils,a1,dev-a1,2026-11-24T08:00:00.000Z');
  });
});
