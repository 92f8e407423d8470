import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuserIdleMs, parseQuserLastInput } from './last-input-windows.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = 1_764_320_000_000;
const MINUTE = 60_000;
const HEADER = ' USERNAME              SESSIONNAME        ID  STATE   IDLE TIME  LOGON TIME';

describe('parseQuserIdleMs', () => {
  it('reads every IDLE TIME form', () => {
    expect(parseQuserIdleMs('.')).toBe(0);
    expect(parseQuserIdleMs('5')).toBe(5 * MINUTE);
    expect(parseQuserIdleMs('1:05')).toBe(65 * MINUTE);
    expect(parseQuserIdleMs('2+03:04')).toBe((2 * 24 * 60 + 3 * 60 + 4) * MINUTE);
  });

  it('knows no idle time for none, in any language, or garbage', () => {
    for (const text of ['none', 'ninguno', 'Kein', '', '1:', '+1:05', '1.5']) expect(parseQuserIdleMs(text)).toBeUndefined();
  });
});

describe('parseQuserLastInput', () => {
  it('takes the smallest idle time of the Active sessions, disconnected ones left out', () => {
    // Active: rdp-tcp#54 idle 1:39, console idle 12 minutes; Disc sessions idle for days.
    expect(parseQuserLastInput(fixture('quser-rds.txt'), NOW)).toBe(NOW - 12 * MINUTE);
  });

  it('reads translated output by the row shape, not the header (German; "Getrennt" idle 3 minutes left out)', () => {
    expect(parseQuserLastInput(fixture('quser-de.txt'), NOW)).toBe(NOW - 65 * MINUTE);
  });

  it('is 0 when the only Active session has no idle time (none, Spanish "ninguno")', () => {
    expect(parseQuserLastInput(fixture('quser-es-console-none.txt'), NOW)).toBe(0);
  });

  it('is now for an Active session idle under a minute', () => {
    const output = `${HEADER}\n>anna                  console             1  Active          .  11/23/2026 8:40 AM\n`;
    expect(parseQuserLastInput(output, NOW)).toBe(NOW);
  });

  it('counts a state it does not know only for a session with a session name', () => {
    const output = [
      ' ユーザー名            セッション名       ID  状態    アイドル時間  ログオン時刻',
      ' taro                                      2  切断          5  2026/11/23 9:00',
      '>hanako                console             3  アクティブ    1:00  2026/11/23 8:00',
    ].join('\r\n');
    expect(parseQuserLastInput(output, NOW)).toBe(NOW - 60 * MINUTE);
  });

  it('ignores Disc sessions however recent their input', () => {
    const output = `${HEADER}\n bob                                       2  Disc            .  11/23/2026 8:40 AM\n`;
    expect(parseQuserLastInput(output, NOW)).toBe(0);
  });

  it('is 0 for no sessions and garbage', () => {
    expect(parseQuserLastInput('', NOW)).toBe(0);
    expect(parseQuserLastInput(`${HEADER}\r\n`, NOW)).toBe(0);
    expect(parseQuserLastInput('No User exists for *\r\n', NOW)).toBe(0);
    expect(parseQuserLastInput('Error 0x000006BA enumerating sessionnames\r\nError [1722]:The RPC server is unavailable.\r\n', NOW)).toBe(0);
  });
});
