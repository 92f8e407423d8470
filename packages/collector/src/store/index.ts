import type { Db } from '../db/open.ts';
import { AgentStore } from './agents.ts';
import { AssetStore } from './assets.ts';
import { DeviceStore } from './devices.ts';
import { InventoryStore } from './inventories.ts';
import { MetricsRollups } from './metrics-rollups.ts';
import { MetricsStore } from './metrics.ts';
import { NetworkDeviceStore } from './network-devices.ts';
import { ObservationStore } from './observations.ts';
import { RunStore } from './runs.ts';
import { SettingStore } from './settings.ts';
import { StatsStore } from './stats.ts';

/**
 * The datastore, one store per entity: the only code that holds SQL. Each store's methods turn the
 * database's refusals of what the caller gave into RollcallErrors (see query.ts).
 */
export interface Stores {
  agents: AgentStore;
  devices: DeviceStore;
  /** What agents reported, each inventory whole, and the device and sightings it implies. */
  inventories: InventoryStore;
  /** Raw usage batches. */
  metrics: MetricsStore;
  /** Hourly and daily usage roll-ups, and the reads that merge them with raw batches. */
  rollups: MetricsRollups;
  settings: SettingStore;
  /** Table sizes. */
  stats: StatsStore;
  /** The asset register and its history. */
  assets: AssetStore;
  /** Sightings from every source. */
  observations: ObservationStore;
  /** Reconciliation runs. */
  runs: RunStore;
  /** SNMP-walked network devices and their changes. */
  networkDevices: NetworkDeviceStore;
}

/** Every store on `db`, built once and handed to the services that need them. */
export function createStores(db: Db): Stores {
  return {
    agents: new AgentStore(db),
    devices: new DeviceStore(db),
    inventories: new InventoryStore(db),
    metrics: new MetricsStore(db),
    rollups: new MetricsRollups(db),
    settings: new SettingStore(db),
    stats: new StatsStore(db),
    assets: new AssetStore(db),
    observations: new ObservationStore(db),
    runs: new RunStore(db),
    networkDevices: new NetworkDeviceStore(db),
  };
}
