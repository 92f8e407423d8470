/**
 * Makes `text` one flat string, in place, and returns it. Template literals build ropes (a node of
 * ~32 bytes per concatenation): kept in a million findings, the reasons' and timestamps' rope nodes
 * were half the findings' memory, and every young-generation collection copied them. Reading a
 * character makes V8 flatten the rope; the collector then drops its nodes.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Flattens every string of `texts` in place (see flat). */
export function flatAll(texts: readonly string[]): void {
  for (const text of texts) flat(text);
}
