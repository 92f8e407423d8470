import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { settings } from '../db/schema.ts';
import { query } from './query.ts';

/** The collector's own key-value settings (the enrollment token, roll-up watermarks). */
export class SettingStore {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | undefined> {
    const [row] = await query(this.db.select().from(settings).where(eq(settings.key, key)));
    return row?.value;
  }

  /** Returns the stored value, storing `value` first if the key has none (first writer wins). */
  async getOrInit(key: string, value: string): Promise<string> {
    await query(this.db.insert(settings).values({ key, value }).onConflictDoNothing());
    return (await this.get(key))!;
  }
}
