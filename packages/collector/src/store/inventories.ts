import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { inventories } from '../db/schema.ts';
import { countRows, rowsOf } from './rows.ts';

/** One stored inventory: the agent's merged, complete picture of its machine at `receivedAt`. */
export interface StoredInventory {
  agentId: string;
  seq: number;
  /** Whether the agent sent it whole (else it was a delta, merged into the one before). */
  full: boolean;
  collectedAt: Date | null;
  receivedAt: Date;
  frameBytes: number;
  snapshot: Record<string, unknown>;
}

/** An installed title as software metering needs it. */
export interface InstalledTitle {
  name: string;
  publisher: string | null;
  section: string | null;
}

/** The inventories agents sent: each one kept whole, the latest per agent always. */
export class InventoryStore {
  constructor(private readonly db: Db) {}

  /** The latest inventory of an agent's machine. */
  async latest(agentId: string): Promise<StoredInventory | undefined> {
    const i = inventories;
    const [row] = await this.db
      .select({ agentId: i.agentId, seq: i.seq, full: i.full, collectedAt: i.collectedAt, receivedAt: i.receivedAt, frameBytes: i.frameBytes, snapshot: i.snapshot })
      .from(i)
      .where(eq(i.agentId, agentId))
      .orderBy(desc(i.seq))
      .limit(1);
    return row ? { ...row, snapshot: row.snapshot as Record<string, unknown> } : undefined;
  }

  /**
   * Every agent's installed titles from its latest inventory, in one statement: only names,
   * publishers and sections leave the database, not snapshots of hundreds of kilobytes.
   */
  async latestSoftware(): Promise<Map<string, InstalledTitle[]>> {
    const rows = rowsOf<{ agent_id: string; software: InstalledTitle[] | null }>(
      await this.db.execute(sql`
        select a.id as agent_id, latest.software
        from agents a
        cross join lateral (
          select (select jsonb_agg(jsonb_build_object('name', s->>'name', 'publisher', nullif(s->>'publisher', ''), 'section', nullif(s->>'section', '')))
                  from jsonb_array_elements(coalesce(i.snapshot->'software', '[]'::jsonb)) s
                  where coalesce(s->>'name', '') <> '') as software
          from inventories i where i.agent_id = a.id order by i.seq desc limit 1
        ) latest`),
    );
    const byAgent = new Map<string, InstalledTitle[]>();
    for (const row of rows) if (row.software?.length) byAgent.set(row.agent_id, row.software);
    return byAgent;
  }

  /**
   * Deletes inventories received before `before`, except each agent's latest (what its deltas
   * apply to, and what reports read); returns how many went.
   */
  async prune(before: Date): Promise<number> {
    return countRows(
      this.db,
      sql`delete from inventories old where old.received_at < ${before.toISOString()}
          and exists (select 1 from inventories newer where newer.agent_id = old.agent_id and newer.seq > old.seq) returning 1`,
    );
  }
}
