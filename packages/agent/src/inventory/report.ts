import type { Logger } from '../log.ts';
import type { CollectorSession } from '../session.ts';
import type { AgentState } from '../state.ts';
import type { Uplink } from '../uplink.ts';
import { collectInProcess, type CollectInventory } from './collectors.ts';
import { planInventoryReport, type DeltaBase } from './delta.ts';

/** A full inventory every this many reports, even when deltas would do, to heal any drift. */
export const FULL_EVERY = 15;

/**
 * Collects the inventory and sends what the collector lacks: everything the first time, then only
 * changed sections. The base moves forward only once the collector has acked.
 */
export async function reportInventory(
  uplink: Uplink,
  session: CollectorSession,
  state: AgentState,
  log: Logger,
  collect: CollectInventory = collectInProcess,
): Promise<{ seq: number; full: boolean }> {
  const inventory = await collect(log);
  let base = state.inventoryBase as DeltaBase | undefined;
  // The collector has not committed what our base says it has (its database was restored or
  // replaced): start again from a full report.
  if (base && Number(session.welcome.lastCommittedSeq ?? 0) < base.seq) base = undefined;
  const plan = planInventoryReport(inventory, base, FULL_EVERY);
  log.info({ full: plan.full, sections: plan.report.sections }, 'reporting inventory');
  const seq = await uplink.send({ kind: 'inventory', inventory: plan.report });
  state.inventoryBase = { hashes: plan.hashes, seq, sinceFull: plan.full ? 0 : (base?.sinceFull ?? 0) + 1 };
  return { seq, full: plan.full };
}
