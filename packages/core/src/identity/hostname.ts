/** Lower-case, domain stripped (`LAB-07.corp.example.` → `lab-07`); null if empty or an IP. */
export function normalizeHostname(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const lowered = isLowerAscii(raw) ? raw : raw.trim().toLowerCase();
  const name = lowered.endsWith('.') ? lowered.slice(0, -1) : lowered;
  if (name === '' || name === 'localhost') return null;
  if (name.includes(':') || (name.charCodeAt(0) <= 57 && /^\d{1,3}(\.\d{1,3}){3}$/.test(name))) return null;
  // indexOf and slice, not split: this runs for every sighting and register entry.
  const dot = name.indexOf('.');
  const short = dot === -1 ? name : name.slice(0, dot);
  return short === '' ? null : short;
}

/** No upper-case letters, spaces or non-ASCII: trim and toLowerCase would change nothing. */
function isLowerAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}
