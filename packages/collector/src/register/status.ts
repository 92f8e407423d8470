import { LIFECYCLE_STATUSES, type LifecycleStatus } from '@rollcall/core';

export interface MapStatusOptions {
  /** The row's assigned user; Snipe-IT's "Ready to Deploy" with a user means the asset is out. */
  assignedUser: string | null;
  /** From `--status-map LABEL=STATUS`; keys are compared like every other label. */
  statusMap?: Record<string, LifecycleStatus>;
}

/** Case, spaces and punctuation do not matter: `In Stock`, `in-stock`, `IN_STOCK` → `instock`. */
export function statusKey(label: string): string {
  return label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const OWN_STATUSES = new Map<string, LifecycleStatus>(LIFECYCLE_STATUSES.map((status) => [statusKey(status), status]));

// Snipe-IT's default status labels. "Ready to Deploy" is special-cased in mapStatus.
const SNIPE_IT_STATUSES = new Map<string, LifecycleStatus>([
  ['deployed', 'deployed'],
  ['readytodeploy', 'in_stock'],
  ['pending', 'ordered'],
  ['outforrepair', 'in_repair'],
  ['outfordiagnostics', 'in_repair'],
  ['loststolen', 'lost'],
  ['brokennotfixable', 'retired'],
  ['archived', 'retired'],
]);

/**
 * One of our own status names, leniently spelt (`In Stock` → `in_stock`); null otherwise.
 * Meant for validating the STATUS half of `--status-map LABEL=STATUS`.
 */
export function parseStatusName(text: string): LifecycleStatus | null {
  return OWN_STATUSES.get(statusKey(text)) ?? null;
}

// The user's map is the same object for every row of a file: normalise its keys once.
const normalisedMaps = new WeakMap<Record<string, LifecycleStatus>, Map<string, LifecycleStatus>>();

function normalisedStatusMap(statusMap: Record<string, LifecycleStatus>): Map<string, LifecycleStatus> {
  let map = normalisedMaps.get(statusMap);
  if (map === undefined) {
    map = new Map(Object.entries(statusMap).map(([label, status]) => [statusKey(label), status]));
    normalisedMaps.set(statusMap, map);
  }
  return map;
}

/**
 * The lifecycle status a register row's status label means, or null when the label is unknown
 * (the caller reports the row). Precedence: the user's `statusMap`, our own names, Snipe-IT labels.
 */
export function mapStatus(label: string, options: MapStatusOptions): LifecycleStatus | null {
  const key = statusKey(label);
  if (key === '') return null;
  const mapped = options.statusMap ? normalisedStatusMap(options.statusMap).get(key) : undefined;
  if (mapped !== undefined) return mapped;
  const own = OWN_STATUSES.get(key);
  if (own !== undefined) return own;
  // Snipe-IT keeps a checked-out asset's label at "Ready to Deploy" and shows "Deployed" on top.
  if (key === 'readytodeploy' && options.assignedUser != null && options.assignedUser.trim() !== '') return 'deployed';
  return SNIPE_IT_STATUSES.get(key) ?? null;
}
