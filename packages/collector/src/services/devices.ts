import type { Db } from '../db/open.ts';
import { RollcallError } from '../errors.ts';
import { InventoryStore, type StoredInventory } from '../store/inventories.ts';
import { Store, type DeviceRow } from '../store/store.ts';

/** A device as the API and the CLI list it. */
export function deviceJson(device: DeviceRow) {
  return {
    id: device.id,
    agentId: device.agentId,
    hostname: device.hostname,
    serial: device.serial,
    smbiosUuid: device.smbiosUuid,
    machineId: device.machineId,
    macs: device.macs,
    manufacturer: device.manufacturer,
    model: device.model,
    os: device.os,
    firstSeen: device.firstSeen.toISOString(),
    lastSeen: device.lastSeen.toISOString(),
  };
}

export type DeviceJson = ReturnType<typeof deviceJson>;

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

/** A device with what its agent last reported about it. */
export interface DeviceDetail {
  device: DeviceJson;
  /** Null for a device whose agent's inventories are all gone (never, while retention keeps the latest). */
  inventory: InventoryJson | null;
}

/** The machines agents report: listed, and one of them in detail. */
export class DeviceService {
  private readonly store: Store;
  private readonly inventories: InventoryStore;

  constructor(db: Db) {
    this.store = new Store(db);
    this.inventories = new InventoryStore(db);
  }

  async list(): Promise<DeviceJson[]> {
    return (await this.store.listDevices()).map(deviceJson);
  }

  /** The device `ref` names (its id, agent id, serial or hostname) with its latest inventory. */
  async show(ref: string): Promise<DeviceDetail> {
    const wanted = ref.trim();
    if (!wanted) throw new RollcallError('BAD_INPUT', 'name a device by its id, agent id, serial or hostname');
    const found = await this.store.findDevices(wanted);
    if (found.length === 0) {
      throw new RollcallError('NOT_FOUND', `no device has the id, agent id, serial or hostname "${wanted}"; the devices are listed by \`rollcall devices\` and GET /api/devices`);
    }
    if (found.length > 1) {
      const named = found.map((d) => `${d.id} (${d.hostname || 'no hostname'}, serial ${d.serial || 'none'})`);
      throw new RollcallError('CONFLICT', `${found.length} devices match "${wanted}": ${named.join('; ')}. Name one by its id`, {
        details: { devices: found.map(deviceJson) },
      });
    }
    const device = found[0]!;
    const stored = device.agentId ? await this.inventories.latest(device.agentId) : undefined;
    return { device: deviceJson(device), inventory: stored ? inventoryJson(stored) : null };
  }
}

interface StoredSoftware extends Omit<SoftwareJson, 'installedAt'> {
  installedAtMs?: number;
}

/** The stored snapshot as the API shows it: wire-only fields dropped, times as ISO strings. */
function inventoryJson(stored: StoredInventory): InventoryJson {
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
