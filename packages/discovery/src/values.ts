import ipaddr from 'ipaddr.js';
import type { Varbind } from './snmp.ts';

// Reading typed values out of varbinds. snmp-native decodes octet strings as text, so binary
// values (MACs) are read from the raw bytes instead.

const NOT_A_VALUE = new Set([0x80, 0x81, 0x82]); // noSuchObject, noSuchInstance, endOfMibView

/** Printable text of an octet string, or null when it is missing, empty or binary. */
export function text(vb: Varbind | undefined): string | null {
  if (!vb || NOT_A_VALUE.has(vb.type) || vb.type !== 0x04) return null;
  const value = vb.raw.toString('utf8').replace(/\0+$/, '').trim();
  // eslint-disable-next-line no-control-regex
  return value && !/[\x00-\x08\x0e-\x1f]/.test(value) ? value : null;
}

/** An integer-like value (Integer, Counter, Gauge, TimeTicks), or null. */
export function int(vb: Varbind | undefined): number | null {
  if (!vb || NOT_A_VALUE.has(vb.type)) return null;
  return typeof vb.value === 'number' && Number.isFinite(vb.value) ? vb.value : null;
}

/** A MAC from 6 raw bytes (ifPhysAddress, ARP and FDB entries), lower-case colon form; null for all-zero or other lengths. */
export function macFromBytes(bytes: ArrayLike<number>): string | null {
  if (bytes.length !== 6) return null;
  let allZero = true;
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const b = bytes[i]!;
    if (b < 0 || b > 255) return null;
    if (b !== 0) allZero = false;
    parts.push(b.toString(16).padStart(2, '0'));
  }
  return allZero ? null : parts.join(':');
}

/** A MAC held as an octet string value. */
export const mac = (vb: Varbind | undefined): string | null => (vb && vb.type === 0x04 ? macFromBytes(vb.raw) : null);

/** An OID value in dotted form. */
export function oid(vb: Varbind | undefined): string | null {
  if (!vb || vb.type !== 0x06 || !Array.isArray(vb.value)) return null;
  return (vb.value as number[]).join('.');
}

/** Rows of a table walk keyed by their index (the OID after `column`'s prefix), as dotted text. */
export function byIndex(rows: Varbind[], columnOid: number[]): Map<string, Varbind> {
  const out = new Map<string, Varbind>();
  for (const vb of rows) {
    if (vb.oid.length <= columnOid.length || !columnOid.every((n, i) => vb.oid[i] === n)) continue;
    out.set(vb.oid.slice(columnOid.length).join('.'), vb);
  }
  return out;
}

/** IPv4 or IPv6 address text from index sub-identifiers (one byte each), or null. */
export function ipFromBytes(bytes: number[]): string | null {
  if ((bytes.length !== 4 && bytes.length !== 16) || bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) return null;
  return ipaddr.fromByteArray(bytes).toString();
}
