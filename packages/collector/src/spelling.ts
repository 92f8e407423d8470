/**
 * How a front end writes a parameter's name in error messages: the CLI names its flags
 * (`--as-of`), the API its query parameters (`asOf`). Shared code takes the API's name and spells it,
 * so a message never tells an API caller about a flag, or a CLI user about a query parameter.
 */
export type Spelling = (name: string) => string;

export const FLAGS: Spelling = (name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
export const QUERY: Spelling = (name) => name;

/** How to turn a switch on: `--skip-bad`, or `skipBad=true`. */
export function switchOn(spell: Spelling, name: string): string {
  const spelled = spell(name);
  return spelled.startsWith('--') ? spelled : `${spelled}=true`;
}
