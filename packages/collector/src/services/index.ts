import type { Db } from '../db/open.ts';
import { translatingDatabaseErrors } from '../store/database-errors.ts';
import { MetricsRollups } from '../store/metrics-rollups.ts';
import { Store } from '../store/store.ts';
import { DeviceService } from './devices.ts';
import { DiscoveryService } from './discovery.ts';
import { ObservationService } from './observations.ts';
import { ReconciliationService } from './reconciliation.ts';
import { RegisterService } from './register.ts';
import { RetentionService } from './retention.ts';
import { SoftwareService } from './software.ts';
import { UtilizationService } from './utilization.ts';

/** Everything the HTTP API and the CLI do, on one database. */
export interface Services {
  store: Store;
  /** Devices agents report, each with its latest inventory. */
  devices: DeviceService;
  register: RegisterService;
  observations: ObservationService;
  reconciliation: ReconciliationService;
  discovery: DiscoveryService;
  utilization: UtilizationService;
  software: SoftwareService;
  /** Hourly and daily usage roll-ups. */
  rollups: MetricsRollups;
  /** Pruning of usage data, observations and old inventories past their retention. */
  retention: RetentionService;
}

/** The services on `db`; the database's refusal of a value reaches callers as BAD_INPUT. */
export function createServices(db: Db): Services {
  return translatingDatabaseErrors({
    store: new Store(db),
    devices: new DeviceService(db),
    register: new RegisterService(db),
    observations: new ObservationService(db),
    reconciliation: new ReconciliationService(db),
    discovery: new DiscoveryService(db),
    utilization: new UtilizationService(db),
    software: new SoftwareService(db),
    rollups: new MetricsRollups(db),
    retention: new RetentionService(db),
  });
}
