import type { Db } from '../db/open.ts';
import { Store } from '../store/store.ts';
import { ObservationService } from './observations.ts';
import { ReconciliationService } from './reconciliation.ts';
import { RegisterService } from './register.ts';

/** Everything the HTTP API and the CLI do, on one database. */
export interface Services {
  store: Store;
  register: RegisterService;
  observations: ObservationService;
  reconciliation: ReconciliationService;
}

export function createServices(db: Db): Services {
  return {
    store: new Store(db),
    register: new RegisterService(db),
    observations: new ObservationService(db),
    reconciliation: new ReconciliationService(db),
  };
}
