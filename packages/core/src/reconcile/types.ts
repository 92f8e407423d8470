/** Where an asset is in its life, from procurement to disposal. */
export const LIFECYCLE_STATUSES = ['planned', 'ordered', 'in_stock', 'deployed', 'in_repair', 'lost', 'retired', 'disposed'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** An entry of the asset register: what the company believes it owns. */
export interface Asset {
  assetTag: string;
  name: string | null;
  serial: string | null;
  smbiosUuid: string | null;
  macs: string[];
  manufacturer: string | null;
  model: string | null;
  category: string | null;
  status: LifecycleStatus;
  assignedUser: string | null;
  department: string | null;
  location: string | null;
  /** IANA zone the asset's user works in (Europe/Berlin): its working hours are counted there. */
  timeZone: string | null;
  /** ISO date, YYYY-MM-DD. */
  purchaseDate: string | null;
  purchaseCost: number | null;
  supplier: string | null;
  orderNumber: string | null;
  warrantyMonths: number | null;
  notes: string | null;
  customFields: Record<string, string>;
}

/** The fields reconciliation reads; a full Asset satisfies it. */
export type AssetIdentity = Pick<Asset, 'assetTag' | 'name' | 'serial' | 'smbiosUuid' | 'macs' | 'status'>;

/**
 * One sighting of a machine by one source at one time. Agents (`agent:<id>`), network discovery
 * (`snmp:<device>`, `arp:<agent>`) and imports (`import:<name>`) all produce these.
 */
export interface Observation {
  source: string;
  seenAt: Date;
  /**
   * For a run of identical sightings from one source stored as one (seenAt being the latest):
   * when the first of them was. Absent for a single sighting.
   */
  firstSeenAt?: Date | null;
  hostname: string | null;
  serial: string | null;
  uuid: string | null;
  macs: string[];
  ips: string[];
  vendor: string | null;
  model: string | null;
  /** Where a switch saw it on the wire, e.g. "sw-3 Gi1/0/12 (VLAN 10)"; from forwarding tables. */
  switchPort?: string | null;
  extra?: Record<string, unknown>;
}

export const FINDING_KINDS = ['matched', 'ghost', 'shadow', 'zombie', 'drift', 'duplicate', 'conflict', 'silent'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type MatchKey = 'serial' | 'uuid' | 'mac' | 'hostname';

export interface Identity {
  serials: readonly string[];
  uuids: readonly string[];
  macs: readonly string[];
  hostnames: readonly string[];
  ips: readonly string[];
  /** Switch ports the device was seen on (access ports only), newest sighting first where known. */
  switchPorts: readonly string[];
}

export interface Finding {
  kind: FindingKind;
  assetTag: string | null;
  assetTags: readonly string[];
  deviceId: string | null;
  matchedBy: MatchKey | null;
  confidence: number;
  lastSeen: string | null;
  firstSeen: string | null;
  sources: readonly string[];
  identity: Identity;
  vendor: string | null;
  /** Lifecycle status of the asset the finding is about, if one. */
  status: LifecycleStatus | null;
  randomizedMac: boolean;
  reasons: string[];
}

export type Summary = Record<FindingKind, number>;

export interface Reconciliation {
  asOf: string;
  ghostAfterDays: number;
  summary: Summary;
  findings: Finding[];
}

export interface ReconcileOptions {
  asOf: Date;
  ghostAfterDays: number;
  /** Vendor of a MAC's OUI, if known. Injected so the engine stays free of data loading. */
  macVendor?: (mac: string) => string | null;
}
