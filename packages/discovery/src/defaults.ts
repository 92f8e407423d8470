/**
 * `defaults` overlaid with the options that are set. An option given as `undefined` (an absent
 * CLI flag, an omitted JSON field passed along) keeps its default: `{ ...defaults, ...options }`
 * would erase it, and `undefined + 1` tries is NaN.
 */
export function withDefaults<T extends object>(defaults: T, options: { [K in keyof T]?: T[K] | undefined } | undefined): T {
  const merged = { ...defaults };
  for (const key of Object.keys(options ?? {}) as (keyof T)[]) {
    const value = options![key];
    if (value !== undefined) merged[key] = value as T[keyof T];
  }
  return merged;
}
