import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { RollcallError } from '../errors.ts';
import { reportError } from './report-error.ts';

// An unexpected failure as the database driver wraps it: the statement and its parameters outside.
const failedQuery = () =>
  new Error('Failed query: insert into assets (asset_tag, notes) values ($1, $2)\nparams: A-1,secret', {
    cause: Object.assign(new Error('could not extend file "base/5/16384": No space left on device'), { name: 'DatabaseError' }),
  });

describe('reportError', () => {
  it('says in one line what failed unexpectedly, from its innermost cause, and how to see more', () => {
    const { text, exitCode } = reportError(failedQuery(), { command: 'register import', debug: false });
    expect(text).toBe('rollcall: rollcall register import failed unexpectedly: DatabaseError: could not extend file "base/5/16384": No space left on device; rerun with --debug for the stack trace (a server logs its own)\n');
    expect(exitCode).toBe(1);
  });

  it('prints the stack and the whole cause chain with --debug', () => {
    const { text } = reportError(failedQuery(), { command: 'register import', debug: true });
    expect(text).toMatch(/^rollcall: rollcall register import failed unexpectedly: DatabaseError: could not extend file[^\n]*\nError: Failed query: insert into assets[\s\S]*\n\s+at [\s\S]*\ncaused by: DatabaseError: could not extend file[^\n]*\n\s+at /);
  });

  it('shows a RollcallError as its message and listed rows, exiting with its code from the table', () => {
    const error = new RollcallError('BAD_INPUT', '1 bad row; nothing was imported', { details: { errors: [{ line: 3, reason: 'notes: text must not contain NUL characters (\\u0000)' }] } });
    expect(reportError(error, { command: 'register import', debug: false })).toEqual({
      text: 'rollcall: 1 bad row; nothing was imported\n  line 3: notes: text must not contain NUL characters (\\u0000)\n',
      exitCode: 2,
    });
    expect(reportError(new RollcallError('DB_BUSY', 'busy'), { command: '', debug: false }).exitCode).toBe(6);
  });

  it('exits as bad input after commander printed a usage error, and 0 after help', () => {
    expect(reportError(new CommanderError(1, 'commander.invalidArgument', 'error: bad'), { command: '', debug: false })).toEqual({ text: '', exitCode: 2 });
    expect(reportError(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), { command: '', debug: false })).toEqual({ text: '', exitCode: 0 });
  });
});
