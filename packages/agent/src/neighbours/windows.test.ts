import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWindowsNeighbours, windowsNeighbourProbe } from './windows.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseWindowsNeighbours', () => {
  it('reads a ConvertTo-Json array with numeric states (BOM, CRLF): multicast, broadcast, unresolved, loopback', () => {
    expect(parseWindowsNeighbours(fixture('get-netneighbor.json'))).toEqual([
      { ip: 'ff02::1:ff12:3456', mac: '33:33:ff:12:34:56', interface: 'Wi-Fi', state: 'permanent' },
      { ip: 'ff02::fb', mac: '33:33:00:00:00:fb', interface: 'Wi-Fi', state: 'permanent' },
      { ip: 'ff02::2', mac: '33:33:00:00:00:02', interface: 'Wi-Fi', state: 'permanent' },
      { ip: '2001:db8:1::1', mac: '3c:a6:2f:12:34:56', interface: 'Wi-Fi', state: 'stale' },
      { ip: 'fe80::3ea6:2fff:fe12:3456', mac: '3c:a6:2f:12:34:56', interface: 'Wi-Fi', state: 'reachable' },
      // Unreachable: the all-zero MAC means none.
      { ip: 'fe80::3e22:fbff:fe4a:5b6c', mac: '', interface: 'Wi-Fi', state: 'failed' },
      { ip: '255.255.255.255', mac: 'ff:ff:ff:ff:ff:ff', interface: 'Wi-Fi', state: 'permanent' },
      { ip: '239.255.255.250', mac: '01:00:5e:7f:ff:fa', interface: 'Wi-Fi', state: 'permanent' },
      { ip: '224.0.0.251', mac: '01:00:5e:00:00:fb', interface: 'Wi-Fi', state: 'permanent' },
      { ip: '224.0.0.22', mac: '01:00:5e:00:00:16', interface: 'Wi-Fi', state: 'permanent' },
      { ip: '192.0.2.255', mac: 'ff:ff:ff:ff:ff:ff', interface: 'Wi-Fi', state: 'permanent' },
      { ip: '192.0.2.120', mac: '', interface: 'Wi-Fi', state: 'incomplete' },
      { ip: '192.0.2.99', mac: '', interface: 'Wi-Fi', state: 'failed' },
      { ip: '192.0.2.50', mac: '00:1b:a9:77:08:99', interface: 'Wi-Fi', state: 'delay' },
      { ip: '192.0.2.44', mac: 'b8:27:eb:12:34:56', interface: 'Wi-Fi', state: 'probe' },
      { ip: '192.0.2.17', mac: '3c:22:fb:4a:5b:6c', interface: 'Wi-Fi', state: 'stale' },
      { ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'Wi-Fi', state: 'reachable' },
      { ip: '198.51.100.2', mac: '00:15:5d:01:02:03', interface: 'vEthernet (WSL)', state: 'stale' },
      { ip: '203.0.113.10', mac: '00:50:56:9a:bc:de', interface: 'Conexión de área local 2', state: 'reachable' },
      // The loopback pseudo-interface has no link layer: no MAC, so incomplete.
      { ip: '239.255.255.250', mac: '', interface: 'Loopback Pseudo-Interface 1', state: 'incomplete' },
    ]);
  });

  it('reads the lone object ConvertTo-Json prints for a single neighbour, with the state by name', () => {
    expect(parseWindowsNeighbours(fixture('get-netneighbor-single.json'))).toEqual([
      { ip: '192.0.2.1', mac: '3c:a6:2f:12:34:56', interface: 'Ethernet', state: 'reachable' },
    ]);
  });

  it('maps every NeighborState by value and by name; anything else is unknown', () => {
    const stateOf = (State: unknown) =>
      parseWindowsNeighbours(JSON.stringify({ IPAddress: '192.0.2.1', LinkLayerAddress: '3C-A6-2F-12-34-56', InterfaceAlias: 'Wi-Fi', State }))[0]
        ?.state;
    const names = ['Unreachable', 'Incomplete', 'Probe', 'Delay', 'Stale', 'Reachable', 'Permanent'];
    const expected = ['failed', 'incomplete', 'probe', 'delay', 'stale', 'reachable', 'permanent'];
    expect(names.map((_, value) => stateOf(value))).toEqual(expected);
    expect(names.map((name) => stateOf(name))).toEqual(expected);
    expect(stateOf('5')).toBe('reachable');
    expect([7, -1, 'Gone', null, undefined, true].map(stateOf)).toEqual(Array(6).fill('unknown'));
  });

  it('strips zone ids and lower-cases IPv6; skips unreadable items', () => {
    const output = JSON.stringify([
      { IPAddress: 'FE80::3EA6:2FFF:FE12:3456%12', LinkLayerAddress: '3C-A6-2F-12-34-56', InterfaceAlias: 'Wi-Fi', State: 4 },
      { IPAddress: null, LinkLayerAddress: '3C-A6-2F-12-34-56', InterfaceAlias: 'Wi-Fi', State: 5 },
      'text',
      null,
    ]);
    expect(parseWindowsNeighbours(output)).toEqual([{ ip: 'fe80::3ea6:2fff:fe12:3456', mac: '3c:a6:2f:12:34:56', interface: 'Wi-Fi', state: 'stale' }]);
  });

  it('returns nothing when there are no neighbours; throws when the output is not JSON', () => {
    expect(parseWindowsNeighbours('')).toEqual([]);
    expect(parseWindowsNeighbours('\uFEFF\r\n')).toEqual([]);
    expect(() => parseWindowsNeighbours("Get-NetNeighbor : The term 'Get-NetNeighbor' is not recognized\r\n")).toThrow(
      /^Get-NetNeighbor: PowerShell output is not JSON/,
    );
  });

  it('is declared as a PowerShell one-liner without double quotes', () => {
    expect(windowsNeighbourProbe).toMatchObject({ platforms: ['win32'], command: 'powershell.exe' });
    expect(windowsNeighbourProbe.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    const script = windowsNeighbourProbe.args[3] ?? '';
    expect(script).toContain('Get-NetNeighbor | Select-Object IPAddress, LinkLayerAddress, InterfaceAlias, State | ConvertTo-Json -Compress');
    expect(script).not.toContain('"');
  });
});
