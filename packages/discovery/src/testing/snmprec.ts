// Builds snmpsim's `.snmprec` walks: one `OID|TYPE|VALUE` line per value, sorted by OID as a
// real agent would walk them. TYPE is the BER tag; a trailing `x` means VALUE is hex.

export type SnmprecValue =
  | { int: number }
  | { str: string }
  | { hex: string }
  | { oid: string }
  | { ip: string }
  | { ticks: number }
  | { gauge: number };

const compareOids = (a: string, b: string) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

function line(oid: string, value: SnmprecValue): string {
  if ('int' in value) return `${oid}|2|${value.int}`;
  if ('str' in value) return `${oid}|4|${value.str}`;
  if ('hex' in value) return `${oid}|4x|${value.hex.replace(/[:.-]/g, '').toLowerCase()}`;
  if ('oid' in value) return `${oid}|6|${value.oid}`;
  if ('ip' in value) return `${oid}|64|${value.ip}`;
  if ('ticks' in value) return `${oid}|67|${value.ticks}`;
  return `${oid}|66|${value.gauge}`;
}

/** Collects values and prints them as an snmprec file. */
export class Snmprec {
  private readonly values = new Map<string, SnmprecValue>();

  set(oid: string, value: SnmprecValue): this {
    this.values.set(oid.replace(/^\./, ''), value);
    return this;
  }

  toString(): string {
    return [...this.values.keys()].sort(compareOids).map((oid) => line(oid, this.values.get(oid)!)).join('\n') + '\n';
  }
}

/** A MAC as OID sub-identifiers ("b8:27:eb:12:34:56" → "184.39.235.18.52.86"), as table indexes carry it. */
export const macIndex = (mac: string) => mac.split(/[:-]/).map((h) => parseInt(h, 16)).join('.');
