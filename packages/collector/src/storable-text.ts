// PostgreSQL text (and jsonb) cannot hold a NUL character, and a lone UTF-16 surrogate is no
// character at all: both make the database refuse the whole statement. Input is checked for them
// where it enters, so the refusal names the field instead of failing as an internal error.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'text must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'text is not valid Unicode (half of a UTF-16 surrogate pair)';
  return undefined;
}

/** Where in a JSON value text is that cannot be stored (`notes`, `rules[0].title`), and why. */
export interface UnstorableAt {
  /** The JSON path of the value, '' for the value itself. */
  path: string;
  reason: string;
}

/** The first string in a parsed JSON value (object keys too) that cannot be stored. */
export function findUnstorableText(value: unknown): UnstorableAt | undefined {
  // Iterative: a body nested a million levels deep must not overflow the stack.
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      const reason = unstorableText(value);
      if (reason) return { path, reason };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path: `${path}[${i}]` });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        const reason = unstorableText(key);
        if (reason) return { path, reason: `the key ${JSON.stringify(key)}: ${reason}` };
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        pending.push({ value: child, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return undefined;
}

/** `path: reason` (`what` names the value as a whole); a path deeper than makes sense to read is cut. */
export function describeUnstorable(found: UnstorableAt, what: string): string {
  const path = found.path.length > 120 ? `…${found.path.slice(-120)}` : found.path;
  return `${path === '' ? what : path}: ${found.reason}`;
}

/**
 * Removes NUL characters from every string in `value`, in place (object keys too), and returns it.
 * For what machines report (agents' frames, SNMP walks): the data is a fact about the host that no
 * one can correct, and a NUL padding a registry value or an SNMP string carries no meaning.
 */
export function stripNulCharacters<T>(value: T): T {
  const pending: unknown[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next === null || typeof next !== 'object' || ArrayBuffer.isView(next) || next instanceof Date) continue;
    const object = next as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const child = object[key];
      const cleanKey = key.includes('\u0000') ? key.replaceAll('\u0000', '') : key;
      const clean = typeof child === 'string' && child.includes('\u0000') ? child.replaceAll('\u0000', '') : child;
      if (cleanKey !== key) delete object[key];
      if (cleanKey !== key || clean !== child) object[cleanKey] = clean;
      if (typeof clean === 'object') pending.push(clean);
    }
  }
  return value;
}
