// The ranges values must stay within to be stored and computed with. Input is checked against
// them where it enters (API bodies and parameters, CLI flags, imported files), so a value out of
// range is refused naming the field, never found out by the database or by date arithmetic.

/**
 * The most days any span may be (ghost-after, periods, unused days, retention): 100 years.
 * Dates computed from larger spans fall outside what JavaScript and PostgreSQL can represent.
 */
export const MAX_DAYS = 36_500;

/** The longest useful life (depreciation) a category may be given: 100 years. */
export const MAX_LIFE_MONTHS = 1200;

/** The largest offset a paged list takes. */
export const MAX_OFFSET = 1_000_000_000;

/** The moments rollcall takes (as-of, since, times in imported files): 1970 to 9999. */
export const EARLIEST_DATE = new Date('1970-01-01T00:00:00Z');
export const LATEST_DATE = new Date('9999-12-31T23:59:59.999Z');
export const DATE_RANGE = 'between 1970-01-01 and 9999-12-31';

export function isDateInRange(date: Date): boolean {
  const ms = date.getTime();
  return ms >= EARLIEST_DATE.getTime() && ms <= LATEST_DATE.getTime();
}

/**
 * Identifiers the database indexes (asset tags, serials, observation sources) are at most this
 * long: an index entry must fit in about 2,700 bytes, and a character takes up to 4.
 */
export const MAX_IDENTIFIER_LENGTH = 255;

/** A purchase cost is stored as numeric(14,2). */
export const MAX_PURCHASE_COST = 999_999_999_999.99;

/** A warranty of more than 100 years is a typo. */
export const MAX_WARRANTY_MONTHS = 1200;

/** A purchase date is a calendar day from 1900 to 9999. */
export const PURCHASE_DATE_RANGE = { from: '1900-01-01', to: '9999-12-31' } as const;
