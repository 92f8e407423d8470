import type { Db } from '../db/open.ts';
import { createStores, type Stores } from '../store/index.ts';
import { AgentService } from './agents.ts';
import { DeviceService } from './devices.ts';
import { DiscoveryService } from './discovery.ts';
import { ObservationService } from './observations.ts';
import { ReconciliationService } from './reconciliation.ts';
import { RegisterService } from './register.ts';
import { RetentionService } from './retention.ts';
import { RollupService } from './rollups.ts';
import { SoftwareService } from './software.ts';
import { StatsService } from './stats.ts';
import { UtilizationService } from './utilization.ts';

/** Everything the HTTP API, the CLI and the agents' socket do, on one database. */
export interface Services {
  /** Agents: enrollment and keys, what they report, who they are. */
  agents: AgentService;
  /** Devices agents report, each with its latest inventory. */
  devices: DeviceService;
  register: RegisterService;
  observations: ObservationService;
  reconciliation: ReconciliationService;
  discovery: DiscoveryService;
  utilization: UtilizationService;
  software: SoftwareService;
  /** Hourly and daily usage roll-ups. */
  rollups: RollupService;
  /** Pruning of usage data, observations and old inventories past their retention. */
  retention: RetentionService;
  /** Table sizes. */
  stats: StatsService;
}

/**
 * The services on `db`, each handed the stores it uses (built once, here, unless given). The
 * database's refusal of a value reaches callers as BAD_INPUT, a duplicate key as CONFLICT (the
 * stores translate them).
 */
export function createServices(db: Db, stores: Stores = createStores(db)): Services {
  const discovery = new DiscoveryService(stores);
  return {
    agents: new AgentService(stores, discovery),
    devices: new DeviceService(stores),
    register: new RegisterService(stores),
    observations: new ObservationService(stores),
    reconciliation: new ReconciliationService(stores),
    discovery,
    utilization: new UtilizationService(stores),
    software: new SoftwareService(stores),
    rollups: new RollupService(stores),
    retention: new RetentionService(stores),
    stats: new StatsService(stores),
  };
}
