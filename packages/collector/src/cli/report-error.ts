import { CommanderError, type Command } from 'commander';
import { ERRORS, isRollcallError } from '../errors.ts';

/** What the CLI prints for an error that ends a command, and the exit code it ends with. */
export interface ErrorReport {
  text: string;
  exitCode: number;
}

/**
 * A RollcallError is the user's to read: its message (and the bad rows or lines it lists). Anything
 * else is unexpected: one line saying what failed, never a stack trace (which can hold SQL and its
 * parameters) unless `debug` asks for it with the whole cause chain.
 */
export function reportError(error: unknown, options: { command: string; debug: boolean }): ErrorReport {
  // Commander has printed its own message (a bad flag, or the help): wrong usage is bad input.
  if (error instanceof CommanderError) return { text: '', exitCode: error.exitCode === 0 ? 0 : ERRORS.BAD_INPUT.exit };
  // The reader of our output went away (`| head`): it has what it wanted.
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return { text: '', exitCode: 0 };
  const trace = options.debug ? causeChain(error) : '';
  if (isRollcallError(error)) {
    return { text: `rollcall: ${error.message}\n${listedErrors(error.details)}${trace}`, exitCode: ERRORS[error.code]?.exit ?? 1 };
  }
  const what = options.command ? `rollcall ${options.command}` : 'rollcall';
  const hint = options.debug ? '' : '; rerun with --debug for the stack trace (a server logs its own)';
  return { text: `rollcall: ${what} failed unexpectedly: ${summary(error)}${hint}\n${trace}`, exitCode: 1 };
}

/** Makes commander throw (for {@link reportError}) where it would exit, in `command` and all its subcommands. */
export function throwInsteadOfExiting(command: Command): void {
  command.exitOverride();
  for (const subcommand of command.commands) throwInsteadOfExiting(subcommand);
}

/** The innermost cause's first line: the most specific, and free of the statements that wrap it. */
function summary(error: unknown): string {
  let innermost = error;
  for (let depth = 0; innermost instanceof Error && innermost.cause !== undefined && depth < 10; depth++) innermost = innermost.cause;
  const text = innermost instanceof Error ? `${innermost.name}: ${innermost.message}` : String(innermost);
  const line = text.split('\n')[0]!;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Every error in the chain with its stack, outermost first. */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  let current = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(depth === 0 ? text : `caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n') + '\n';
}

/** Bad rows and lines carried by an import error, one per line (the first 100). */
function listedErrors(details: Record<string, unknown> | undefined): string {
  const errors = Array.isArray(details?.errors) ? (details.errors as { line: number; reason: string }[]) : [];
  const shown = errors.slice(0, 100).map((e) => (e.reason.startsWith('line ') ? `  ${e.reason}` : `  line ${e.line}: ${e.reason}`));
  if (errors.length > 100) shown.push(`  … and ${errors.length - 100} more`);
  return shown.length ? shown.join('\n') + '\n' : '';
}
