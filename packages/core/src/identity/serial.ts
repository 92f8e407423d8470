// Placeholder serials that firmware and OEM tools ship instead of a real one. Compared after
// normalisation (upper-case, spaces collapsed). They must never match two machines together.
const JUNK_SERIALS = new Set([
  '0',
  'NONE',
  'NULL',
  'N/A',
  'NA',
  'DEFAULT STRING',
  'TO BE FILLED BY O.E.M.',
  'TO BE FILLED BY OEM',
  'SYSTEM SERIAL NUMBER',
  'CHASSIS SERIAL NUMBER',
  'BASE BOARD SERIAL NUMBER',
  'SERIAL NUMBER',
  'NOT SPECIFIED',
  'NOT APPLICABLE',
  'NOT AVAILABLE',
  'UNKNOWN',
  'INVALID',
  'OEM',
  'O.E.M.',
  'XXXXXXXX',
  '0123456789',
  '123456789',
  '1234567890',
  '12345678',
  'SERIAL',
  'EMPTY',
  'DEFAULT',
]);

/** Trimmed, spaces collapsed, upper-case; null when nothing is left. */
export function normalizeSerial(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const serial = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  return serial === '' ? null : serial;
}

/** True for serials that identify nothing: empty, known placeholders, one character repeated. */
export function isJunkSerial(normalized: string | null): boolean {
  if (normalized == null) return true;
  if (JUNK_SERIALS.has(normalized)) return true;
  if (/^(.)\1*$/.test(normalized.replace(/[\s\-.]/g, ''))) return true; // 0000, FFFF, "-----"
  return false;
}

/** The normalised serial if it can identify a machine, else null. */
export function validSerial(raw: string | null | undefined): string | null {
  const serial = normalizeSerial(raw);
  return isJunkSerial(serial) ? null : serial;
}
