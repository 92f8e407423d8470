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
  let hex: string;
  if (OCTETS.test(text)) {
    hex = text.split(/[:\- ]/).map((octet) => octet.padStart(2, '0')).join('');
  } else if (DOTTED.test(text)) {
    hex = text.replaceAll('.', '');
  } else if (BARE.test(text)) {
    hex = text;
  } else {
    return null;
  }
  return hex.match(/../g)!.join(':');
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
