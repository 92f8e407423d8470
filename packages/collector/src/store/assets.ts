import type { Asset } from '@rollcall/core';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { assetHistory, assets } from '../db/schema.ts';

export type AssetRow = typeof assets.$inferSelect;
export type HistoryRow = typeof assetHistory.$inferSelect;

/** The register fields, in export order; `assetTag` is the key and never changes. */
export const ASSET_FIELDS = [
  'name', 'serial', 'smbiosUuid', 'macs', 'manufacturer', 'model', 'category', 'status', 'assignedUser', 'department',
  'location', 'purchaseDate', 'purchaseCost', 'supplier', 'orderNumber', 'warrantyMonths', 'notes', 'customFields',
] as const satisfies readonly (keyof Asset)[];

export type AssetField = (typeof ASSET_FIELDS)[number];

export interface UpsertReport {
  created: number;
  updated: number;
  unchanged: number;
}

const BATCH = 1000;

export function rowToAsset(row: AssetRow): Asset {
  const { createdAt: _c, updatedAt: _u, ...asset } = row;
  return { ...asset, status: row.status as Asset['status'], purchaseCost: row.purchaseCost === null ? null : Number(row.purchaseCost) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Field → [old, new] for every field that differs. */
export function diffAssets(before: Asset | undefined, after: Asset | undefined): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of ASSET_FIELDS) {
    const old = before?.[field] ?? null;
    const now = after?.[field] ?? null;
    if (!same(old, now)) changes[field] = [old, now];
  }
  return changes;
}

// On conflict, every register column takes the incoming value.
const EXCLUDED = Object.fromEntries(
  ASSET_FIELDS.map((field) => [field, sql.raw(`excluded."${assets[field].name}"`)]),
) as Record<AssetField, ReturnType<typeof sql.raw>>;

/** The register and its history. Every write records who changed what, old → new. */
export class AssetStore {
  constructor(private readonly db: Db) {}

  async list(filter: { status?: string } = {}): Promise<Asset[]> {
    const query = this.db.select().from(assets);
    const rows = await (filter.status ? query.where(eq(assets.status, filter.status)) : query).orderBy(asc(assets.assetTag));
    return rows.map(rowToAsset);
  }

  async get(assetTag: string): Promise<Asset | undefined> {
    const [row] = await this.db.select().from(assets).where(eq(assets.assetTag, assetTag));
    return row && rowToAsset(row);
  }

  async history(assetTag: string): Promise<HistoryRow[]> {
    return this.db.select().from(assetHistory).where(eq(assetHistory.assetTag, assetTag)).orderBy(asc(assetHistory.id));
  }

  /**
   * Creates or replaces assets by tag in one transaction, writing a history entry for each one
   * that changed. Unchanged rows are left alone (no history, no updated_at bump).
   */
  async upsertMany(incoming: Asset[], changedBy: string, now: Date): Promise<UpsertReport> {
    const report: UpsertReport = { created: 0, updated: 0, unchanged: 0 };
    await this.db.transaction(async (tx) => {
      for (let start = 0; start < incoming.length; start += BATCH) {
        const batch = incoming.slice(start, start + BATCH);
        const existing = new Map(
          (await tx.select().from(assets).where(inArray(assets.assetTag, batch.map((a) => a.assetTag)))).map((row) => [row.assetTag, rowToAsset(row)]),
        );
        const writes: (typeof assets.$inferInsert)[] = [];
        const history: (typeof assetHistory.$inferInsert)[] = [];
        for (const asset of batch) {
          const before = existing.get(asset.assetTag);
          const changes = diffAssets(before, asset);
          if (before && Object.keys(changes).length === 0) {
            report.unchanged++;
            continue;
          }
          report[before ? 'updated' : 'created']++;
          writes.push({ ...asset, createdAt: now, updatedAt: now });
          history.push({ assetTag: asset.assetTag, changedAt: now, changedBy, action: before ? 'update' : 'create', changes });
        }
        if (writes.length > 0) {
          await tx.insert(assets).values(writes).onConflictDoUpdate({ target: assets.assetTag, set: { ...EXCLUDED, updatedAt: now } });
          await tx.insert(assetHistory).values(history);
        }
      }
    });
    return report;
  }

  /** Applies a partial change; returns the asset after it, or undefined if there is no such tag. */
  async update(assetTag: string, patch: Partial<Omit<Asset, 'assetTag'>>, changedBy: string, now: Date): Promise<Asset | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(assets).where(eq(assets.assetTag, assetTag)).for('update');
      if (!row) return undefined;
      const before = rowToAsset(row);
      const after = { ...before, ...patch, assetTag };
      const changes = diffAssets(before, after);
      if (Object.keys(changes).length === 0) return before;
      await tx.update(assets).set({ ...patch, updatedAt: now }).where(eq(assets.assetTag, assetTag));
      await tx.insert(assetHistory).values({ assetTag, changedAt: now, changedBy, action: 'update', changes });
      return after;
    });
  }

  async delete(assetTag: string, changedBy: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.delete(assets).where(eq(assets.assetTag, assetTag)).returning();
      if (!row) return false;
      await tx.insert(assetHistory).values({ assetTag, changedAt: now, changedBy, action: 'delete', changes: diffAssets(rowToAsset(row), undefined) });
      return true;
    });
  }
}
