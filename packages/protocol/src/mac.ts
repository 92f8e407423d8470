// The notations MACs are written in: colon/hyphen/space-separated octets (BSD `arp` drops leading
// zeros: `0:1a:2b:3:4d:5e`), Cisco dotted quads (`001a.2b3c.4d5e`) and bare hex (`001A2B3C4D5E`).
const OCTETS = /^[0-9a-f]{1,2}([:\- ])[0-9a-f]{1,2}(?:\1[0-9a-f]{1,2}){4}$/;
const DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/;
const BARE = /^[0-9a-f]{12}$/;

/**
 * Canonical wire form of a MAC address: lower-case, colon-separated (`00:1a:2b:3c:4d:5e`).
 * Returns null for anything that is not a MAC in one of the usual notations.
 *
 * @example canonicalMac('001A.2B3C.4D5E') // '00:1a:2b:3c:4d:5e'
 */
export function canonicalMac(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // Fast path: most MACs already arrive canonical (agents send them so), and this runs per
  // identifier of every observation during reconciliation.
  if (isCanonical(raw)) return raw;
  const text = raw.trim().toLowerCase();
  if (isCanonical(text)) return text;
  if (OCTETS.test(text)) {
    // Two-digit octets need only their separator changed; BSD's short ones are padded first.
    return text.length === 17 ? text.replaceAll(text[2]!, ':') : text.split(/[:\- ]/).map((octet) => octet.padStart(2, '0')).join(':');
  }
  if (DOTTED.test(text)) return withColons(text.replaceAll('.', ''));
  if (BARE.test(text)) return withColons(text);
  return null;
}

/** `001a2b3c4d5e` → `00:1a:2b:3c:4d:5e`, as one string (no slices and joins: SNMP and CSV MACs come this way by the million). */
function withColons(hex: string): string {
  const c = (k: number) => hex.charCodeAt(k);
  return String.fromCharCode(c(0), c(1), 58, c(2), c(3), 58, c(4), c(5), 58, c(6), c(7), 58, c(8), c(9), 58, c(10), c(11));
}

function isCanonical(text: string): boolean {
  if (text.length !== 17) return false;
  for (let i = 0; i < 17; i++) {
    const c = text.charCodeAt(i);
    if (i % 3 === 2) {
      if (c !== 58) return false; // ':'
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return false; // not 0-9 a-f
    }
  }
  return true;
}
