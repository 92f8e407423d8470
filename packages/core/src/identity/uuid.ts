const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Placeholder SMBIOS UUIDs some boards ship, in both byte orders (see byteSwapUuid).
const JUNK_UUIDS = new Set(['03000200-0400-0500-0006-000700080009'].flatMap((uuid) => [uuid, byteSwapUuid(uuid)]));

/** Lower-case 8-4-4-4-12 form (accepts braces and missing hyphens); null if not a UUID. */
export function normalizeUuid(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  if (isCanonical(raw)) return raw; // agents send them so: no copies, no regex
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
  const byte = (at: number) => uuid.slice(at, at + 2);
  return `${byte(6)}${byte(4)}${byte(2)}${byte(0)}-${byte(11)}${byte(9)}-${byte(16)}${byte(14)}${uuid.slice(18)}`;
}

/** One key for a UUID and its byte-swapped twin: the lexically smaller of the two forms. */
export function uuidKey(uuid: string): string {
  const swapped = byteSwapUuid(uuid);
  return swapped < uuid ? swapped : uuid;
}

export function isJunkUuid(uuid: string | null): boolean {
  if (uuid == null) return true;
  return JUNK_UUIDS.has(uuid) || oneDigitRepeated(uuid); // all zeros, all F
}

function oneDigitRepeated(uuid: string): boolean {
  const first = uuid.charCodeAt(0);
  for (let i = 1; i < uuid.length; i++) if (uuid.charCodeAt(i) !== first && uuid.charCodeAt(i) !== 45) return false;
  return true;
}

/** Lower-case 8-4-4-4-12 already. */
function isCanonical(text: string): boolean {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return false;
    }
  }
  return true;
}

/** The normalised UUID if it can identify a machine, else null. */
export function validUuid(raw: string | null | undefined): string | null {
  const uuid = normalizeUuid(raw);
  return isJunkUuid(uuid) ? null : uuid;
}
