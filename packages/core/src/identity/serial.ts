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
  if (isNormalized(raw)) return raw; // most serials arrive normalised: no copy, no regex
  const serial = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  return serial === '' ? null : serial;
}

/** True for serials that identify nothing: empty, known placeholders, one character repeated. */
export function isJunkSerial(normalized: string | null): boolean {
  if (normalized == null) return true;
  return JUNK_SERIALS.has(normalized) || oneCharacterRepeated(normalized);
}

/** The normalised serial if it can identify a machine, else null. */
export function validSerial(raw: string | null | undefined): string | null {
  const serial = normalizeSerial(raw);
  return isJunkSerial(serial) ? null : serial;
}

/** Non-empty printable ASCII without lower-case letters or spaces: already what normalizeSerial makes. */
function isNormalized(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 97 && c <= 122)) return false;
  }
  return true;
}

/** `0000`, `FFFF`, `-----`, `1 1 1`: one character repeated once spaces, hyphens and dots are ignored. */
function oneCharacterRepeated(serial: string): boolean {
  let first = -1;
  for (let i = 0; i < serial.length; i++) {
    const c = serial.charCodeAt(i);
    if (c === 32 || c === 45 || c === 46) continue;
    if (first === -1) first = c;
    else if (c !== first) return false;
  }
  return true;
}
