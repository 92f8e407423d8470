import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addCommands, type LazyCommands } from './lazy-commands.ts';

/** A program like main.ts's: one inline command and two modules, recording which were loaded. */
async function programFor(argv: string[]) {
  const loaded: string[] = [];
  const module = (names: string[]): LazyCommands => ({
    names,
    load: async () => {
      loaded.push(names[0]!);
      return names.map((name) => new Command(name));
    },
  });
  const program = new Command('rollcall');
  await addCommands(program, argv, [new Command('serve'), module(['devices']), module(['reconcile', 'ghosts'])]);
  return { loaded, names: program.commands.map((command) => command.name()) };
}

describe('top-level commands loaded lazily', () => {
  it('loads only the module of the command being run', async () => {
    expect(await programFor(['devices', 'list', '--format', 'json'])).toEqual({ loaded: ['devices'], names: ['serve', 'devices'] });
    expect(await programFor(['--debug', 'ghosts', '--new'])).toEqual({ loaded: ['reconcile'], names: ['serve', 'reconcile', 'ghosts'] });
    expect(await programFor(['help', 'devices'])).toEqual({ loaded: ['devices'], names: ['serve', 'devices'] });
    expect(await programFor(['serve', '--port', '0'])).toEqual({ loaded: [], names: ['serve'] });
  });

  it('loads nothing for --version', async () => {
    expect(await programFor(['--version'])).toEqual({ loaded: [], names: ['serve'] });
    expect(await programFor(['-V'])).toEqual({ loaded: [], names: ['serve'] });
  });

  it('loads every module, in order, for the full help and for a command it must suggest a name for', async () => {
    const all = { loaded: ['devices', 'reconcile'], names: ['serve', 'devices', 'reconcile', 'ghosts'] };
    expect(await programFor([])).toEqual(all);
    expect(await programFor(['--help'])).toEqual(all);
    expect(await programFor(['--version', '--help'])).toEqual(all);
    expect(await programFor(['help'])).toEqual(all);
    expect(await programFor(['devicez'])).toEqual(all);
  });
});
