import { RollcallError } from '../errors.ts';
import { inventoryChanges, type InventoryChange } from '../inventory/changes.ts';
import { inventoryJson, type InventoryJson } from '../inventory/json.ts';
import type { DeviceRow } from '../store/devices.ts';
import type { Stores } from '../store/index.ts';

export type { InventoryJson, SoftwareJson } from '../inventory/json.ts';

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

/** A device with what its agent last reported about it. */
export interface DeviceDetail {
  device: DeviceJson;
  /** Null for a device whose agent's inventories are all gone (never, while retention keeps the latest). */
  inventory: InventoryJson | null;
}

/** What changed on a device between its stored inventories. */
export interface DeviceChanges {
  device: DeviceJson;
  /** Changes received since this moment only; null for every inventory kept. */
  since: string | null;
  /** Inventories kept (see --retention-inventory-days), and when the oldest came. */
  inventories: number;
  firstInventoryAt: string | null;
  /** Newest first: each inventory that changed something, with what. */
  changes: { seq: number; receivedAt: string; changes: InventoryChange[] }[];
}

/** The machines agents report: listed, one of them in detail, and what changed on it. */
export class DeviceService {
  constructor(private readonly stores: Pick<Stores, 'devices' | 'inventories'>) {}

  async list(): Promise<DeviceJson[]> {
    return (await this.stores.devices.list()).map(deviceJson);
  }

  /** The device `ref` names (its id, agent id, serial or hostname) with its latest inventory. */
  async show(ref: string): Promise<DeviceDetail> {
    const device = await this.one(ref);
    const stored = device.agentId ? await this.stores.inventories.latest(device.agentId) : undefined;
    return { device: deviceJson(device), inventory: stored ? inventoryJson(stored) : null };
  }

  /**
   * What changed on the device `ref` names, inventory by inventory, newest first: from every
   * inventory kept, or only those received since `since`.
   */
  async changes(ref: string, since?: Date): Promise<DeviceChanges> {
    const device = await this.one(ref);
    const history = (device.agentId ? await this.stores.inventories.history(device.agentId) : []).map(inventoryJson);
    const changes: DeviceChanges['changes'] = [];
    for (let k = history.length - 1; k > 0; k--) {
      const [before, after] = [history[k - 1]!, history[k]!];
      if (since && Date.parse(after.receivedAt) < since.getTime()) break;
      const found = inventoryChanges(before, after);
      if (found.length > 0) changes.push({ seq: after.seq, receivedAt: after.receivedAt, changes: found });
    }
    return { device: deviceJson(device), since: since?.toISOString() ?? null, inventories: history.length, firstInventoryAt: history[0]?.receivedAt ?? null, changes };
  }

  /** The one device `ref` names; names every candidate when several match. */
  private async one(ref: string): Promise<DeviceRow> {
    const wanted = ref.trim();
    if (!wanted) throw new RollcallError('BAD_INPUT', 'name a device by its id, agent id, serial or hostname');
    const found = await this.stores.devices.find(wanted);
    if (found.length === 0) {
      throw new RollcallError('NOT_FOUND', `no device has the id, agent id, serial or hostname "${wanted}"; the devices are listed by \`rollcall devices\` and GET /api/devices`);
    }
    if (found.length > 1) {
      const named = found.map((d) => `${d.id} (${d.hostname || 'no hostname'}, serial ${d.serial || 'none'})`);
      throw new RollcallError('CONFLICT', `${found.length} devices match "${wanted}": ${named.join('; ')}. Name one by its id`, {
        details: { devices: found.map(deviceJson) },
      });
    }
    return found[0]!;
  }
}
