import { canonicalTimeZone, normalizeMac, normalizeUuid } from '@rollcall/core';
import { MAX_PURCHASE_COST, MAX_WARRANTY_MONTHS, PURCHASE_DATE_RANGE } from '../limits.ts';

/** A parsed cell, or why it could not be parsed (the reason ends up in the bad-row report). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/**
 * Every MAC in a cell, canonical, de-duplicated, in order. MACs may be separated by commas,
 * semicolons, line breaks or spaces; a MAC written with space-separated octets
 * (`00 1a 2b 3c 4d 5e`) still counts as one.
 */
export function parseMacList(cell: string): Parsed<string[]> {
  const macs: string[] = [];
  for (const chunk of cell.split(/[,;\n]/)) {
    const words = chunk.trim().split(/\s+/).filter((word) => word !== '');
    for (let i = 0; i < words.length; ) {
      const single = normalizeMac(words[i]);
      const spaced = single === null && i + 6 <= words.length ? normalizeMac(words.slice(i, i + 6).join(' ')) : null;
      const mac = single ?? spaced;
      if (mac === null) return bad(`invalid MAC "${words[i]}"`);
      if (!macs.includes(mac)) macs.push(mac);
      i += single !== null ? 1 : 6;
    }
  }
  return ok(macs);
}

export function parseUuid(cell: string): Parsed<string> {
  const uuid = normalizeUuid(cell);
  return uuid === null ? bad(`invalid UUID "${cell}"`) : ok(uuid);
}

// Year first only: `YYYY-MM-DD`, `YYYY/MM/DD`, optionally followed by a time (`T` or space) and a
// zone. Day-first and month-first forms (`05/10/2023`) are ambiguous and rejected.
const DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?$/i;

/**
 * A purchase date as `YYYY-MM-DD`. The date is taken as written: `2023-05-10T23:30:00-05:00`
 * is 2023-05-10, not converted to UTC (a purchase date is a calendar day, not an instant).
 */
export function parsePurchaseDate(cell: string): Parsed<string> {
  const failure = bad<string>(`unparseable purchase date "${cell}" (use YYYY-MM-DD)`);
  const match = DATE.exec(cell);
  if (match === null) return failure;
  const [, year, , month, day, hour = '0', minute = '0', second = '0'] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < Number(PURCHASE_DATE_RANGE.from.slice(0, 4))) {
    return bad(`purchase date "${cell}" is out of range: expected ${PURCHASE_DATE_RANGE.from} to ${PURCHASE_DATE_RANGE.to}`);
  }
  // Round-tripping through Date.UTC rejects 2023-02-30 and friends.
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return failure;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return failure;
  return ok(`${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`);
}

// Currency markers allowed around a cost: a symbol or an ISO 4217 code, before or after.
const LEADING_CURRENCY = /^(?:[$€£¥]|[A-Za-z]{3}(?![A-Za-z]))\s*/;
const TRAILING_CURRENCY = /\s*(?:[$€£¥]|(?<![A-Za-z])[A-Za-z]{3})$/;
const PLAIN = /^\d+(?:\.\d+)?$/; // 1299, 1299.5
const THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/; // 1,299 and 1,299.00
const DECIMAL_COMMA = /^\d+,\d{1,2}$/; // 1299,50 (a comma followed by 3 digits is thousands)

/**
 * A purchase cost as a number. Accepted: `1299`, `1299.5`, `1,299`, `1,299.00`, `1299,50`,
 * each optionally with a currency symbol ($ € £ ¥) or a three-letter code (`EUR`) before or after.
 * Rejected: mixed separators like `1.299,00` (ambiguous), negatives, anything else.
 */
export function parsePurchaseCost(cell: string): Parsed<number> {
  const amount = cell.trim().replace(LEADING_CURRENCY, '').replace(TRAILING_CURRENCY, '');
  if (/^[-−(]|[-)]$/.test(amount)) return bad(`negative purchase cost "${cell}"`);
  let value: number | null = null;
  if (PLAIN.test(amount)) value = Number(amount);
  else if (THOUSANDS.test(amount)) value = Number(amount.replaceAll(',', ''));
  else if (DECIMAL_COMMA.test(amount)) value = Number(amount.replace(',', '.'));
  if (value === null || !Number.isFinite(value)) {
    return bad(`unparseable purchase cost "${cell}" (use a plain number like 1299.00)`);
  }
  if (value > MAX_PURCHASE_COST) return bad(`purchase cost "${cell}" is out of range: expected 0 to ${MAX_PURCHASE_COST}`);
  return ok(value);
}

const MONTHS = /^(\d{1,4})\s*(?:months?|mos?|m)?\.?$/i;
const YEARS = /^(\d{1,3})\s*(?:years?|yrs?|y)\.?$/i;

/** An IANA time zone in its canonical spelling (`europe/berlin` → `Europe/Berlin`). */
export function parseTimeZone(cell: string): Parsed<string> {
  const zone = canonicalTimeZone(cell);
  return zone === null ? bad(`unknown time zone "${cell}" (use an IANA name such as Europe/Berlin)`) : ok(zone);
}

/** Warranty length in months: `36`, `36 months`, `36 mo`; also `3 years` → 36. */
export function parseWarrantyMonths(cell: string): Parsed<number> {
  const months = MONTHS.exec(cell);
  const years = months ? null : YEARS.exec(cell);
  const value = months ? Number(months[1]) : years ? Number(years[1]) * 12 : null;
  if (value === null) return bad(`unparseable warranty "${cell}" (use a number of months)`);
  if (value > MAX_WARRANTY_MONTHS) return bad(`warranty "${cell}" is out of range: expected 0 to ${MAX_WARRANTY_MONTHS} months`);
  return ok(value);
}
