import type { DeviceWalk } from '@rollcall/discovery';
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { networkDeviceChanges, networkDevices } from '../db/schema.ts';
import type { WalkChange } from '../discovery/changes.ts';
import { query } from './query.ts';

export type NetworkDeviceRow = typeof networkDevices.$inferSelect;

/** Network devices' last walks and the history of what changed between walks. */
export class NetworkDeviceStore {
  constructor(private readonly db: Db) {}

  async lastWalk(address: string): Promise<DeviceWalk | undefined> {
    const [row] = await query(this.db.select({ walk: networkDevices.walk }).from(networkDevices).where(eq(networkDevices.address, address)));
    return row?.walk as DeviceWalk | undefined;
  }

  /** Stores the new walk and the changes it shows, in one transaction. */
  async recordWalk(walk: DeviceWalk, changes: WalkChange[], at: Date): Promise<void> {
    const fields = {
      sysName: walk.system.name,
      vendor: walk.chassis?.manufacturer ?? walk.system.vendor,
      model: walk.chassis?.model ?? null,
      serial: walk.chassis?.serial ?? null,
      lastWalkedAt: at,
      walk: walk as unknown as Record<string, unknown>,
    };
    await query(this.db.transaction(async (tx) => {
      await tx
        .insert(networkDevices)
        .values({ address: walk.address, firstWalkedAt: at, ...fields })
        .onConflictDoUpdate({ target: networkDevices.address, set: fields });
      if (changes.length > 0) await tx.insert(networkDeviceChanges).values(changes.map((c) => ({ address: walk.address, changedAt: at, ...c })));
    }));
  }

  async list(): Promise<Omit<NetworkDeviceRow, 'walk'>[]> {
    return query(
      this.db
        .select({
          address: networkDevices.address,
          sysName: networkDevices.sysName,
          vendor: networkDevices.vendor,
          model: networkDevices.model,
          serial: networkDevices.serial,
          firstWalkedAt: networkDevices.firstWalkedAt,
          lastWalkedAt: networkDevices.lastWalkedAt,
        })
        .from(networkDevices)
        .orderBy(asc(networkDevices.address)),
    );
  }

  async changes(address: string, limit = 200) {
    return query(
      this.db
        .select({ changedAt: networkDeviceChanges.changedAt, kind: networkDeviceChanges.kind, mac: networkDeviceChanges.mac, detail: networkDeviceChanges.detail })
        .from(networkDeviceChanges)
        .where(eq(networkDeviceChanges.address, address))
        .orderBy(desc(networkDeviceChanges.changedAt), desc(networkDeviceChanges.id))
        .limit(limit),
    );
  }
}
