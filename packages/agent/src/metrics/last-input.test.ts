import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLastInputReader, runCommand, type RunCommand } from './last-input.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = 1_764_320_000_000;
const clock = () => NOW;

/** A debug-level logger whose lines land in `lines`. */
function capturingLogger() {
  const lines: { msg: string; level: number }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { msg: string; level: number });
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

/** Answers each command line with a fixed output, or fails like execFile would. */
function fakeRun(answers: Record<string, string | Error>) {
  const calls: string[] = [];
  const run: RunCommand = async (command, args) => {
    const line = [command, ...args].join(' ');
    calls.push(line);
    const answer = answers[line] ?? Object.assign(new Error(`unexpected command: ${line}`), { code: 1 });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { run, calls };
}

const enoent = (command: string) => Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });
const SHOW_SESSION = 'loginctl show-session --no-pager -p Id -p Remote -p Type -p Class -p Active -p State -p IdleHint -p IdleSinceHint';

describe('createLastInputReader', () => {
  it('on Linux, lists the sessions and shows them all in one loginctl call', async () => {
    const { run, calls } = fakeRun({
      'loginctl list-sessions --no-legend --no-pager': fixture('loginctl-list-sessions.txt'),
      [`${SHOW_SESSION} 2 5 c1 7`]: fixture('loginctl-show-session-desktop-idle.txt'),
    });
    const read = createLastInputReader(pino({ level: 'silent' }), 'linux', run, clock);
    expect(await read()).toBe(1_764_312_000_123);
    expect(calls).toHaveLength(2);
  });

  it('on Linux with no sessions, is 0 without a second call', async () => {
    const { run, calls } = fakeRun({ 'loginctl list-sessions --no-legend --no-pager': '' });
    expect(await createLastInputReader(pino({ level: 'silent' }), 'linux', run, clock)()).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('on macOS reads ioreg, on Windows quser', async () => {
    const { run } = fakeRun({
      'ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime': fixture('ioreg-hid-idle.txt'),
      quser: fixture('quser-rds.txt'),
    });
    expect(await createLastInputReader(pino({ level: 'silent' }), 'darwin', run, clock)()).toBe(NOW - 754_211);
    expect(await createLastInputReader(pino({ level: 'silent' }), 'win32', run, clock)()).toBe(NOW - 12 * 60_000);
  });

  it('is 0 where there is no such signal, without running anything', async () => {
    const { run, calls } = fakeRun({});
    expect(await createLastInputReader(pino({ level: 'silent' }), 'freebsd', run, clock)()).toBe(0);
    expect(calls).toEqual([]);
  });

  it('is 0 when the tool is missing, logs that once at debug level and does not try again', async () => {
    const { log, lines } = capturingLogger();
    const { run, calls } = fakeRun({ 'loginctl list-sessions --no-legend --no-pager': enoent('loginctl') });
    const read = createLastInputReader(log, 'linux', run, clock);
    expect([await read(), await read(), await read()]).toEqual([0, 0, 0]);
    expect(calls).toHaveLength(1);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([[20, 'no last-input signal from the OS']]);
  });

  it('is 0 while the tool fails (no logind yet), logged once, and reads again once it works', async () => {
    const { log, lines } = capturingLogger();
    const answers: Record<string, string | Error> = {
      'ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime': Object.assign(new Error('Command failed: ioreg'), { code: 1 }),
    };
    const read = createLastInputReader(log, 'darwin', fakeRun(answers).run, clock);
    expect([await read(), await read()]).toEqual([0, 0]);
    answers['ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime'] = '"HIDIdleTime" = 2000000\n';
    expect(await read()).toBe(NOW - 2);
    expect(lines).toHaveLength(1);
  });
});

describe('the last-input reader on this machine', () => {
  it('runs the real tools and gives 0 or a time not in the future', async () => {
    const before = Date.now();
    const lastInput = await createLastInputReader(pino({ level: 'silent' }))();
    expect(lastInput === 0 || (lastInput > 0 && lastInput <= Date.now())).toBe(true);
    if (lastInput > 0) expect(lastInput).toBeLessThanOrEqual(before + 1000);
  });

  it('runs commands without a shell and rejects when one is missing', async () => {
    await expect(runCommand('rollcall-no-such-tool', [])).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await runCommand(process.execPath, ['-e', 'process.stdout.write("$HOME")'])).toBe('$HOME');
  });
});
