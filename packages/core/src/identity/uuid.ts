const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Placeholder SMBIOS UUIDs some boards ship (and their byte-swapped forms are covered by
// comparing canonical keys, see uuidKey).
const JUNK_UUIDS = new Set([
  '03000200-0400-0500-0006-000700080009',
  '00020003-0004-0005-0006-000700080009',
]);

/** Lower-case 8-4-4-4-12 form (accepts braces and missing hyphens); null if not a UUID. */
export function normalizeUuid(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const hex = raw.trim().toLowerCase().replace(/^\{|\}$/g, '').replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(uuid) ? uuid : null;
}

/**
 * SMBIOS 2.6+ stores the first three UUID fields little-endian; some firmware and hypervisors
 * report them as raw bytes instead. Returns the other byte order of the same UUID.
 */
export function byteSwapUuid(uuid: string): string {
  const swap = (field: string) => field.match(/../g)!.reverse().join('');
  const [a, b, c, ...rest] = uuid.split('-');
  return [swap(a!), swap(b!), swap(c!), ...rest].join('-');
}

/** One key for a UUID and its byte-swapped twin: the lexically smaller of the two forms. */
export function uuidKey(uuid: string): string {
  const swapped = byteSwapUuid(uuid);
  return swapped < uuid ? swapped : uuid;
}

export function isJunkUuid(uuid: string | null): boolean {
  if (uuid == null) return true;
  const hex = uuid.replaceAll('-', '');
  if (/^(.)\1*$/.test(hex)) return true; // all zeros, all F
  return JUNK_UUIDS.has(uuid) || JUNK_UUIDS.has(byteSwapUuid(uuid));
}

/** The normalised UUID if it can identify a machine, else null. */
export function validUuid(raw: string | null | undefined): string | null {
  const uuid = normalizeUuid(raw);
  return isJunkUuid(uuid) ? null : uuid;
}
