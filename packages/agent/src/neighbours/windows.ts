import { powershellArgs, powershellJsonItems } from '../powershell.ts';
import { neighbourEntry, type NeighbourState } from './normalise.ts';
import type { NeighbourEntry, NeighbourProbe } from './types.ts';

/**
 * One line of statements, with no double quotes, so it survives Windows command-line quoting.
 * UTF-8 output keeps non-ASCII interface aliases intact (Windows PowerShell then starts with a BOM).
 */
const SCRIPT = [
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  'Get-NetNeighbor | Select-Object IPAddress, LinkLayerAddress, InterfaceAlias, State | ConvertTo-Json -Compress',
].join('; ');

/**
 * NeighborState of MSFT_NetNeighbor, by value and by name: ConvertTo-Json writes the enum as a
 * number, or as its name when enums are converted to strings (PowerShell 7 -EnumsAsStrings).
 */
const NEIGHBOR_STATES: readonly [name: string, state: NeighbourState][] = [
  ['unreachable', 'failed'],
  ['incomplete', 'incomplete'],
  ['probe', 'probe'],
  ['delay', 'delay'],
  ['stale', 'stale'],
  ['reachable', 'reachable'],
  ['permanent', 'permanent'],
];

function neighborState(value: unknown): NeighbourState {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  const byValue = /^\d+$/.test(text) ? NEIGHBOR_STATES[Number(text)] : undefined;
  const byName = NEIGHBOR_STATES.find(([name]) => name === text.toLowerCase());
  return (byValue ?? byName)?.[1] ?? 'unknown';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Parses the script's ConvertTo-Json output: an array, a lone object for a single neighbour, or
 * nothing at all for none. LinkLayerAddress is `00-1A-2B-3C-4D-5E`, all zeros or '' while unresolved.
 * Throws only when the whole output is not JSON.
 */
export function parseWindowsNeighbours(stdout: string): NeighbourEntry[] {
  const items = powershellJsonItems(stdout, 'Get-NetNeighbor');

  const entries: NeighbourEntry[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const neighbour = item as Record<string, unknown>;
    const entry = neighbourEntry({
      ip: text(neighbour.IPAddress),
      mac: text(neighbour.LinkLayerAddress),
      interface: text(neighbour.InterfaceAlias),
      state: neighborState(neighbour.State),
    });
    if (entry) entries.push(entry);
  }
  return entries;
}

export const windowsNeighbourProbe: NeighbourProbe = {
  name: 'get-netneighbor',
  platforms: ['win32'],
  command: 'powershell.exe',
  args: powershellArgs(SCRIPT),
  parse: parseWindowsNeighbours,
};
