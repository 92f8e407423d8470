/** `text` for a LIKE pattern, taken literally: its `%`, `_` and `\` are no wildcards. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
