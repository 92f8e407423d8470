import type { Command } from 'commander';

/** Top-level commands defined in a module of their own, loaded only when needed. */
export interface LazyCommands {
  /** The top-level command names the module defines. */
  names: string[];
  load(): Promise<Command[]>;
}

/**
 * Adds the top-level commands to `program` in the order given, loading a module only when this run
 * needs it: the module of the command named on the command line; none for `--version`; all of them
 * for the full help or a command name that needs a suggestion. Each command's module imports what
 * it runs (the database, reports, SNMP), so a command pays only for itself and `--version` for
 * almost nothing.
 */
export async function addCommands(program: Command, argv: string[], commands: (Command | LazyCommands)[]): Promise<void> {
  const wanted = wantedCommand(argv, commands);
  for (const entry of commands) {
    if (!('load' in entry)) program.addCommand(entry);
    else if (wanted === 'all' || (wanted !== 'none' && entry.names.includes(wanted))) for (const command of await entry.load()) program.addCommand(command);
  }
}

function wantedCommand(argv: string[], commands: (Command | LazyCommands)[]): string {
  // The program's own options take no values: the first operand names the command.
  const operands = argv.filter((arg) => !arg.startsWith('-'));
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  if (name === undefined) return operands[0] === undefined && argv.some((arg) => arg === '-V' || arg === '--version') && !argv.some((arg) => arg === '-h' || arg === '--help') ? 'none' : 'all';
  const known = commands.some((entry) => ('load' in entry ? entry.names.includes(name) : entry.name() === name));
  return known ? name : 'all';
}
