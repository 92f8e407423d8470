import type { StoredInventory } from '../store/inventories.ts';

/**
 * An installed package as its agent reported it. Fields an older agent did not send are absent:
 * readers take every field as optional.
 */
export interface SoftwareJson {
  name?: string;
  version?: string;
  publisher?: string;
  /** dpkg | rpm | apk | snap | flatpak | macos | homebrew | windows */
  source?: string;
  arch?: string;
  location?: string;
  /** The package manager's section (dpkg: libs, utils, admin …). */
  section?: string;
  /** When the package manager says it was installed; null when it does not say. */
  installedAt: string | null;
}

type Fields = Record<string, string | number | boolean | string[] | undefined>;

/**
 * A machine's latest inventory, its sections as the agent's protocol names them (`system`, `bios`,
 * `cpu`, `memory`, `disks`, `networkInterfaces`, `os`, `software`, `neighbours`, …).
 */
export interface InventoryJson {
  seq: number;
  /** Sent whole by the agent, rather than as changes merged into the one before. */
  full: boolean;
  /** By the agent's clock; null when the agent did not say. */
  collectedAt: string | null;
  receivedAt: string;
  hostname?: string;
  machineId?: string;
  system?: Fields;
  bios?: Fields;
  baseboard?: Fields;
  cpu?: Fields;
  memory?: { totalBytes?: number; modules?: Fields[] };
  disks?: Fields[];
  networkInterfaces?: Fields[];
  os?: Fields;
  software: SoftwareJson[];
  neighbours?: Fields[];
}

interface StoredSoftware extends Omit<SoftwareJson, 'installedAt'> {
  installedAtMs?: number;
}

/** The stored snapshot as the API shows it: wire-only fields dropped, times as ISO strings. */
export function inventoryJson(stored: StoredInventory): InventoryJson {
  const { collectedAtMs: _collectedAt, partial: _partial, sections: _sections, software, ...sections } = stored.snapshot as { software?: StoredSoftware[] } & Record<string, unknown>;
  return {
    seq: stored.seq,
    full: stored.full,
    collectedAt: stored.collectedAt?.toISOString() ?? null,
    receivedAt: stored.receivedAt.toISOString(),
    ...(sections as Omit<InventoryJson, 'seq' | 'full' | 'collectedAt' | 'receivedAt' | 'software'>),
    software: (software ?? []).map(({ installedAtMs, ...p }) => ({ ...p, installedAt: installedAtMs ? new Date(installedAtMs).toISOString() : null })),
  };
}
