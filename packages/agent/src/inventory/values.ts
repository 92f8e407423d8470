/** systeminformation fills fields it could not read with '' or '-'; the wire carries ''. */
export function clean(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  return text === '-' ? '' : text;
}

/** A count or size the library could not read comes as null, NaN, 0 or -1; the wire carries 0. */
export const positive = (n: number | null | undefined): number => (n != null && Number.isFinite(n) && n > 0 ? n : 0);
