import type { Inventory } from '@rollcall/protocol';
import type { Logger } from '../log.ts';
import { collectNeighbours } from '../neighbours/collect.ts';
import { collectSoftware } from '../software/collect.ts';
import { ALL_PROBES } from '../software/index.ts';
import { collectHardware } from './hardware.ts';

/** Everything the agent reports in a full inventory: hardware, OS, network, installed software and LAN neighbours. */
export async function collectInventory(log: Logger): Promise<Inventory> {
  const [hardware, software, neighbours] = await Promise.all([collectHardware(log), collectSoftware(ALL_PROBES, { log }), collectNeighbours({ log })]);
  return { ...hardware, software, neighbours };
}
