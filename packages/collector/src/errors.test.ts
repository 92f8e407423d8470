import { ErrorCode } from '@rollcall/protocol';
import { describe, expect, it } from 'vitest';
import { ERRORS, isErrorCode, nothingImported } from './errors.ts';

describe('nothingImported', () => {
  it('counts in words that agree with the numbers, and says what the user can do', () => {
    expect(nothingImported(5, 2, 'row')).toBe('5 bad rows; nothing was imported. Fix them, or pass --skip-bad to import the 2 good rows');
    expect(nothingImported(1, 1, 'line')).toBe('1 bad line; nothing was imported. Fix it, or pass --skip-bad to import the 1 good line');
  });

  it('does not offer --skip-bad when no row is good', () => {
    expect(nothingImported(2, 0, 'row')).toBe('2 bad rows; nothing was imported. Fix them and import the file again');
  });
});

describe('the error table', () => {
  it('gives every code an HTTP status, a non-zero exit code and a WebSocket error with its close code', () => {
    for (const [code, { http, exit, ws }] of Object.entries(ERRORS)) {
      expect([code, http >= 400 && http < 600, exit > 0, ErrorCode[ws.error] > 0, ws.close >= 1000 && ws.close < 5000]).toEqual([code, true, true, true, true]);
    }
  });

  it('maps each front end as agents, scripts and HTTP clients expect', () => {
    expect(ERRORS.BAD_INPUT).toEqual({ http: 400, exit: 2, ws: { error: 'ERROR_CODE_MALFORMED_FRAME', close: 1007 } });
    expect(ERRORS.UNAUTHENTICATED).toEqual({ http: 401, exit: 4, ws: { error: 'ERROR_CODE_UNAUTHENTICATED', close: 1008 } });
    expect(ERRORS.UNSUPPORTED_PROTOCOL.ws).toEqual({ error: 'ERROR_CODE_PROTOCOL_VERSION', close: 1002 });
    expect(ERRORS.PROTOCOL_VIOLATION.ws).toEqual({ error: 'ERROR_CODE_UNEXPECTED_FRAME', close: 1002 });
    expect(ERRORS.INTERNAL).toEqual({ http: 500, exit: 1, ws: { error: 'ERROR_CODE_INTERNAL', close: 1011 } });
  });

  it('knows its own codes only', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('SOMETHING_NEW')).toBe(false);
    expect(isErrorCode('toString')).toBe(false); // not inherited properties
    expect(isErrorCode(undefined)).toBe(false);
  });
});
