import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLoginctlSessionIds, parseLogindLastInput } from './last-input-logind.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = 1_764_320_000_000;

/** One `loginctl show-session` block, for a local active desktop session unless overridden. */
const session = (properties: Record<string, string>) =>
  Object.entries({ Id: '2', Remote: 'no', Type: 'wayland', Class: 'user', Active: 'yes', State: 'active', IdleHint: 'no', IdleSinceHint: '0', ...properties })
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');

describe('parseLoginctlSessionIds', () => {
  it('takes the first column of every row: audit ids and c<N> ids', () => {
    expect(parseLoginctlSessionIds(fixture('loginctl-list-sessions.txt'))).toEqual(['2', '5', 'c1', '7']);
  });

  it('skips a header, the footer and blank lines; nothing for no sessions or garbage', () => {
    const withLegend = 'SESSION  UID USER  SEAT  TTY\n      3 1000 alice seat0 tty2\n\n1 sessions listed.\n';
    expect(parseLoginctlSessionIds(withLegend)).toEqual(['3']);
    expect(parseLoginctlSessionIds('')).toEqual([]);
    expect(parseLoginctlSessionIds('No sessions.\n')).toEqual([]);
    expect(parseLoginctlSessionIds('Failed to connect to bus: Host is down\n')).toEqual([]);
  });
});

describe('parseLogindLastInput', () => {
  it('reads an idle desktop session at IdleSinceHint, ignoring remote, greeter and inactive sessions', () => {
    // Session 5 (ssh) had input later and session 7 (switched-away desktop) says not idle: neither counts.
    expect(parseLogindLastInput(fixture('loginctl-show-session-desktop-idle.txt'), NOW)).toBe(1_764_312_000_123);
  });

  it('is now when a local desktop session is not idle', () => {
    const output = `${session({ Id: '3', IdleHint: 'yes', IdleSinceHint: '1764312000000000' })}\n${session({ Id: '4', Type: 'x11' })}`;
    expect(parseLogindLastInput(output, NOW)).toBe(NOW);
  });

  it('takes the latest input over several idle local sessions', () => {
    const output = [
      session({ Id: '3', IdleHint: 'yes', IdleSinceHint: '1764312000000000' }),
      session({ Id: '4', Type: 'tty', IdleHint: 'no', IdleSinceHint: '1764318000000000' }),
    ].join('\n');
    expect(parseLogindLastInput(output, NOW)).toBe(1_764_318_000_000);
  });

  it('reads a local console (tty) session at its terminal access time, even while IdleHint is no', () => {
    expect(parseLogindLastInput(session({ Type: 'tty', IdleHint: 'no', IdleSinceHint: '1764319700000000' }), NOW)).toBe(1_764_319_700_000);
  });

  it('is 0 with only remote, background, greeter, closing or unspecified sessions', () => {
    const output = [
      session({ Id: '1', Remote: 'yes', Type: 'tty' }),
      session({ Id: '2', Class: 'background', Type: 'unspecified' }),
      session({ Id: 'c1', Class: 'greeter' }),
      session({ Id: '4', State: 'closing' }),
      session({ Id: '5', Type: 'unspecified', IdleSinceHint: '1764319700000000' }),
      session({ Id: '6', Class: 'user-incomplete' }),
    ].join('\n');
    expect(parseLogindLastInput(output, NOW)).toBe(0);
  });

  it('is 0 for an idle session logind has no time for, no sessions, and garbage', () => {
    expect(parseLogindLastInput(session({ IdleHint: 'yes', IdleSinceHint: '0' }), NOW)).toBe(0);
    expect(parseLogindLastInput('', NOW)).toBe(0);
    expect(parseLogindLastInput('System has not been booted with systemd as init system (PID 1). Can\'t operate.\n', NOW)).toBe(0);
    expect(parseLogindLastInput('Id=2\nIdleSinceHint=banana\nRemote=no\n', NOW)).toBe(0);
  });

  it('separates sessions by a repeated key as well as by blank lines, and never reports the future', () => {
    const runTogether = session({ Id: '3', Type: 'tty', IdleSinceHint: '1764312000000000' }) + session({ Id: '4', Type: 'tty', IdleSinceHint: '1764399999000000' });
    expect(parseLogindLastInput(runTogether, NOW)).toBe(NOW);
  });
});
