/** Lower-case, domain stripped (`LAB-07.corp.example.` → `lab-07`); null if empty or an IP. */
export function normalizeHostname(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const name = raw.trim().toLowerCase().replace(/\.$/, '');
  if (name === '' || name === 'localhost') return null;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':')) return null;
  const short = name.split('.')[0]!;
  return short === '' ? null : short;
}
