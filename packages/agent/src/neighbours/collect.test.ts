import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { collectNeighbours } from './collect.ts';
import type { NeighbourProbe } from './types.ts';

const printing = (name: string, lines: string[]): NeighbourProbe => ({
  name,
  platforms: ['linux'],
  command: 'printf',
  args: [lines.join('\\n')],
  parse: (stdout) =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ip, mac, state] = line.split(' ');
        return { ip: ip!, mac: mac!, interface: 'eth0', state: state! };
      }),
});

describe('collectNeighbours', () => {
  it('merges probes, the first one winning for the same (ip, mac)', async () => {
    const result = await collectNeighbours({
      log: pino({ level: 'silent' }),
      platform: 'linux',
      probes: [printing('ip', ['192.0.2.1 00:1a:2b:3c:4d:5e stale']), printing('proc', ['192.0.2.1 00:1a:2b:3c:4d:5e reachable', '192.0.2.2 00:1a:2b:3c:4d:5f reachable'])],
    });
    expect(result).toEqual([
      { ip: '192.0.2.1', mac: '00:1a:2b:3c:4d:5e', interface: 'eth0', state: 'stale' },
      { ip: '192.0.2.2', mac: '00:1a:2b:3c:4d:5f', interface: 'eth0', state: 'reachable' },
    ]);
  });

  it('reads this machine\'s table with the real probes', async () => {
    const result = await collectNeighbours({ log: pino({ level: 'silent' }) });
    for (const entry of result) {
      expect(entry.ip).not.toBe('');
      expect(entry.mac === '' || /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(entry.mac)).toBe(true);
    }
  });
});
