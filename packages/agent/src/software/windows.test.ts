import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SoftwareEntry } from './types.ts';
import { parseWindowsUninstall, windowsProbe } from './windows.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const HKLM = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\';
const WOW = 'HKEY_LOCAL_MACHINE\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\';
const HKCU = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\';

function program(fields: Pick<SoftwareEntry, 'name' | 'location'> & Partial<SoftwareEntry>): SoftwareEntry {
  return { version: '', publisher: '', installedAtMs: 0, source: 'windows', arch: '', ...fields };
}

describe('parseWindowsUninstall', () => {
  it('reads every program of a ConvertTo-Json array (BOM, CRLF), once each', () => {
    expect(parseWindowsUninstall(fixture('windows-uninstall.json'))).toEqual([
      program({ name: '7-Zip 23.01 (x64)', version: '23.01', publisher: 'Igor Pavlov', location: 'C:\\Program Files\\7-Zip\\' }),
      program({
        name: 'Git',
        version: '2.44.0',
        publisher: 'The Git Development Community',
        installedAtMs: Date.UTC(2024, 2, 4),
        location: 'C:\\Program Files\\Git\\',
      }),
      // No InstallLocation: the registry key.
      program({ name: 'Notepad++ (64-bit x64)', version: '8.6.5', publisher: 'Notepad++ Team', location: `${HKLM}Notepad++` }),
      program({
        name: 'Microsoft Teams Meeting Add-in for Microsoft Office',
        version: '1.24.09301',
        publisher: 'Microsoft',
        installedAtMs: Date.UTC(2024, 4, 2),
        location: `${HKLM}{A7AB73A3-CB10-4AA5-9D38-6AEFFBDE4C91}`,
      }),
      // Registered by a 32-bit installer (the Burn bundle), so 'x86' although the runtime is x64.
      program({
        name: 'Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130',
        version: '14.38.33130.0',
        publisher: 'Microsoft Corporation',
        installedAtMs: Date.UTC(2024, 0, 15),
        arch: 'x86',
        location: `${WOW}{c2ab0a1b-4c59-4f1f-8fe4-2b6b8b0c1d9e}`,
      }),
      program({
        name: 'Google Chrome',
        version: '124.0.6367.91',
        publisher: 'Google LLC',
        installedAtMs: Date.UTC(2024, 3, 25),
        arch: 'x86',
        location: 'C:\\Program Files\\Google\\Chrome\\Application',
      }),
      // & < > arrive as \u0026 \u003c \u003e; the date is not yyyyMMdd; the location was quoted.
      program({
        name: 'Scan & Go Utility',
        version: '2.1',
        publisher: 'Acme <Imaging>',
        arch: 'x86',
        location: 'C:\\Program Files (x86)\\Acme\\Scan & Go',
      }),
      // No version, and an InstallDate of 30 February.
      program({ name: "Zoë's Tool ✓", publisher: 'Zoë Müller', location: `${HKCU}ZoesTool` }),
      // Git again under HKCU, same name, version and publisher: dropped.
      program({
        name: 'Microsoft Visual Studio Code (User)',
        version: '1.88.1',
        publisher: 'Microsoft Corporation',
        installedAtMs: Date.UTC(2024, 3, 11),
        location: 'C:\\Users\\zoe\\AppData\\Local\\Programs\\Microsoft VS Code\\',
      }),
    ]);
  });

  it('reads the lone object ConvertTo-Json prints for a single program', () => {
    expect(parseWindowsUninstall(fixture('windows-uninstall-single.json'))).toEqual([
      program({
        name: 'VMware Tools',
        version: '12.3.5.22544099',
        publisher: 'VMware, Inc.',
        installedAtMs: Date.UTC(2023, 11, 19),
        location: 'C:\\Program Files\\VMware\\VMware Tools\\',
      }),
    ]);
  });

  it('reads no programs from the empty output ConvertTo-Json gives for none', () => {
    expect(parseWindowsUninstall('')).toEqual([]);
    expect(parseWindowsUninstall('\uFEFF\r\n')).toEqual([]);
  });

  it('reads numeric (REG_DWORD) values and skips entries it cannot read', () => {
    const odd = [
      { DisplayName: 'Numbered', DisplayVersion: 3, Publisher: ['A', 'B'], InstallDate: 20240101, PSPath: 'HKLM-less path' },
      { DisplayName: ' ', DisplayVersion: '1.0' },
      { DisplayVersion: '1.0' },
      null,
    ];
    expect(parseWindowsUninstall(JSON.stringify(odd))).toEqual([
      program({ name: 'Numbered', version: '3', installedAtMs: Date.UTC(2024, 0, 1), location: 'HKLM-less path' }),
    ]);
  });

  it('gives 0 for install dates that do not exist', () => {
    const dated = (InstallDate: string) =>
      parseWindowsUninstall(JSON.stringify({ DisplayName: 'x', InstallDate }))[0]?.installedAtMs;
    expect(['20241301', '20240230', '00990101', '2024-01-15', '1/15/2024', ''].map(dated)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(dated('20240229')).toBe(Date.UTC(2024, 1, 29));
  });

  it('throws an error naming the probe when the output is not JSON', () => {
    expect(() => parseWindowsUninstall('Get-ItemProperty : Access is denied.\r\n')).toThrow(/^windows probe: /);
    expect(() => parseWindowsUninstall(fixture('windows-uninstall.json').slice(0, 100))).toThrow(/^windows probe: /);
  });

  it('runs one PowerShell command over the three Uninstall keys', () => {
    expect(windowsProbe).toMatchObject({ source: 'windows', platforms: ['win32'], command: 'powershell.exe' });
    const [noProfile, nonInteractive, command, script, ...rest] = windowsProbe.args;
    expect([noProfile, nonInteractive, command, rest]).toEqual(['-NoProfile', '-NonInteractive', '-Command', []]);
    for (const part of [
      '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
      "'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'",
      "'HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'",
      "'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'",
      'Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue',
      '$_.SystemComponent -ne 1',
      '-not $_.ParentKeyName',
      'Select-Object DisplayName, DisplayVersion, Publisher, InstallDate, InstallLocation, PSPath',
    ]) {
      expect(script).toContain(part);
    }
    expect(script).toMatch(/\| ConvertTo-Json -Compress -Depth 2$/);
    // Double quotes and newlines would not survive Windows command-line quoting intact.
    expect(script).not.toMatch(/["\r\n]/);
  });
});
