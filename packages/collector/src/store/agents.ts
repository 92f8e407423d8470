import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { agents } from '../db/schema.ts';
import { query } from './query.ts';
import type { Tx } from './rows.ts';

export type AgentRow = typeof agents.$inferSelect;

/** What an agent says about itself in its Hello, kept on its row. */
export interface AgentFields {
  agentVersion: string;
  platform: string;
  hostname: string;
}

/** Enrolled agents: their key, what they say they are, and their last committed sequence number. */
export class AgentStore {
  constructor(private readonly db: Db) {}

  list(): Promise<AgentRow[]> {
    return query(this.db.select().from(agents).orderBy(asc(agents.hostname), asc(agents.id)));
  }

  async get(id: string): Promise<AgentRow | undefined> {
    const [row] = await query(this.db.select().from(agents).where(eq(agents.id, id)));
    return row;
  }

  /** Which of `ids` are enrolled. */
  async enrolled(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await query(this.db.select({ id: agents.id }).from(agents).where(inArray(agents.id, [...ids])));
    return new Set(rows.map((r) => r.id));
  }

  /** Creates the agent or gives it a new key (re-enrollment with the token). */
  async enroll(agent: AgentFields & { id: string; keyHash: string; now: Date }): Promise<void> {
    const { now, ...fields } = agent;
    await query(
      this.db
        .insert(agents)
        .values({ ...fields, firstSeen: now, lastSeen: now })
        .onConflictDoUpdate({ target: agents.id, set: { ...fields, lastSeen: now } }),
    );
  }

  /** Records a known agent's return: what it says it is now, and when. */
  async touch(id: string, fields: AgentFields & { now: Date }): Promise<void> {
    const { now, ...rest } = fields;
    await query(this.db.update(agents).set({ ...rest, lastSeen: now }).where(eq(agents.id, id)));
  }
}

/**
 * Claims sequence number `seq` of an agent inside a transaction: false if it was committed before
 * (a replay after reconnect), else records it as the agent's last committed one.
 */
export async function claimSeq(tx: Tx, agentId: string, seq: number, now: Date): Promise<boolean> {
  const [agent] = await tx.select({ lastSeq: agents.lastSeq }).from(agents).where(eq(agents.id, agentId)).for('update');
  if (!agent) throw new Error(`agent ${agentId} is not enrolled`);
  if (seq <= agent.lastSeq) return false;
  await tx.update(agents).set({ lastSeq: seq, lastSeen: now }).where(eq(agents.id, agentId));
  return true;
}
