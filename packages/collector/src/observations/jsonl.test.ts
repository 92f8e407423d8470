import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseObservationsJsonl } from './jsonl.ts';

const line = (value: unknown) => JSON.stringify(value);

describe('parseObservationsJsonl', () => {
  it('reads full and minimal observations', async () => {
    const input = [
      line({
        source: 'import:intune',
        seenAt: '2024-06-03T09:15:02Z',
        hostname: 'LT-0042.corp.example.com',
        serial: '7X4K2Y3',
        uuid: '4C4C4544-0042-3510-8052-B4C04F564E32',
        macs: ['3C-9C-0F-12-34-56', '3c9c.0f12.3456', 'da:a1:19:6e:02:4b'],
        ips: ['192.0.2.42', '2001:DB8::42'],
        vendor: 'Dell Inc.',
        model: 'Latitude 7440',
        extra: { os: 'Windows 11', compliant: true },
      }),
      line({ source: 'import:dhcp', seenAt: '2024-06-03T11:15:02.5+02:00', ips: ['198.51.100.7'] }),
      line({ source: 'import:dhcp', seenAt: '2024-06-03T09:15:02Z', hostname: 'pi-lab', serial: null, macs: null, ips: [], vendor: '  ' }),
    ].join('\n');
    const result = await parseObservationsJsonl(input);
    expect(result.errors).toEqual([]);
    expect(result.observations).toEqual([
      {
        source: 'import:intune',
        seenAt: new Date('2024-06-03T09:15:02Z'),
        hostname: 'LT-0042.corp.example.com',
        serial: '7X4K2Y3',
        uuid: '4c4c4544-0042-3510-8052-b4c04f564e32',
        macs: ['3c:9c:0f:12:34:56', 'da:a1:19:6e:02:4b'],
        ips: ['192.0.2.42', '2001:db8::42'],
        vendor: 'Dell Inc.',
        model: 'Latitude 7440',
        extra: { os: 'Windows 11', compliant: true },
        line: 1,
      },
      {
        source: 'import:dhcp',
        seenAt: new Date('2024-06-03T09:15:02.500Z'),
        hostname: null,
        serial: null,
        uuid: null,
        macs: [],
        ips: ['198.51.100.7'],
        vendor: null,
        model: null,
        line: 2,
      },
      {
        source: 'import:dhcp',
        seenAt: new Date('2024-06-03T09:15:02Z'),
        hostname: 'pi-lab',
        serial: null,
        uuid: null,
        macs: [],
        ips: [],
        vendor: null,
        model: null,
        line: 3,
      },
    ]);
    expect('extra' in result.observations[1]!).toBe(false);
  });

  it('reports each bad line with its number and the field', async () => {
    const ok = { source: 'import:x', seenAt: '2024-06-03T09:15:02Z', hostname: 'h' };
    const input = [
      line(ok), // 1
      '{"source": "import:x", "seenAt": ', // 2
      line({ ...ok, source: '  ' }), // 3
      line({ hostname: 'h', seenAt: ok.seenAt }), // 4
      line({ ...ok, seenAt: '03/06/2024 09:15' }), // 5
      line({ ...ok, seenAt: '2024-06-03T09:15:02' }), // 6: no zone
      line({ ...ok, seenAt: '2023-02-30T00:00:00Z' }), // 7
      line({ ...ok, macs: ['00:11:32:9c:4e:17', 'xyz'] }), // 8
      line({ ...ok, ips: ['192.0.2.1', '192.0.2.300'] }), // 9
      line({ source: 'import:x', seenAt: ok.seenAt, macs: [], ips: [], hostname: ' ' }), // 10
      line({ ...ok, hostName: 'typo' }), // 11
      line({ ...ok, serial: 12345 }), // 12
      line([ok]), // 13
      line({ ...ok, uuid: 'Not Settable' }), // 14
      line({ ...ok, extra: 'text' }), // 15
      line({ ...ok, macs: 'b8:27:eb:4a:7c:21' }), // 16
      line({ ...ok, seenAt: 1717406102 }), // 17
      line({ source: 'import:x', hostname: 'h' }), // 18
      line(ok), // 19
    ].join('\n');
    const result = await parseObservationsJsonl(input);
    expect(result.observations.map(({ line }) => line)).toEqual([1, 19]);
    expect(result.errors).toEqual([
      { line: 2, reason: expect.stringMatching(/^invalid JSON: /) },
      { line: 3, reason: 'source: expected a non-empty string such as "import:NAME"' },
      { line: 4, reason: 'source: required' },
      { line: 5, reason: 'seenAt: expected an ISO-8601 date-time' },
      { line: 6, reason: 'seenAt: expected an ISO-8601 date-time' },
      { line: 7, reason: 'seenAt: expected an ISO-8601 date-time' },
      { line: 8, reason: 'macs[1]: invalid MAC "xyz"' },
      { line: 9, reason: 'ips[1]: invalid IP address "192.0.2.300"' },
      { line: 10, reason: 'nothing identifies the machine: give at least one of hostname, serial, uuid, macs, ips' },
      { line: 11, reason: 'unknown field "hostName" (put additional data under "extra")' },
      { line: 12, reason: 'serial: Invalid input: expected string, received number' },
      { line: 13, reason: 'expected a JSON object, received array' },
      { line: 14, reason: 'uuid: invalid UUID "Not Settable"' },
      { line: 15, reason: 'extra: Invalid input: expected record, received string' },
      { line: 16, reason: 'macs: Invalid input: expected array, received string' },
      { line: 17, reason: 'seenAt: expected an ISO-8601 date-time' },
      { line: 18, reason: 'seenAt: required' },
    ]);
  });

  it('takes text the database cannot hold, a seenAt out of range or a source too long for a bad line', async () => {
    const ok = { source: 'import:x', seenAt: '2024-06-03T09:15:02Z', hostname: 'h' };
    const input = [
      line({ ...ok, hostname: 'h\u0000' }),
      line({ ...ok, extra: { ['k\u0000']: 1 } }),
      line({ ...ok, seenAt: '0001-01-01T00:00:00Z' }),
      line({ ...ok, source: 's'.repeat(256) }),
      line(ok),
    ].join('\n');
    const result = await parseObservationsJsonl(input);
    expect(result.observations.map(({ line }) => line)).toEqual([5]);
    expect(result.errors).toEqual([
      { line: 1, reason: 'hostname: text must not contain NUL characters (\\u0000)' },
      { line: 2, reason: 'extra: the key "k\\u0000": text must not contain NUL characters (\\u0000)' },
      { line: 3, reason: 'seenAt: expected a date between 1970-01-01 and 9999-12-31' },
      { line: 4, reason: 'source: expected at most 255 characters' },
    ]);
  });

  it('names every problem of a line', async () => {
    const result = await parseObservationsJsonl(line({ source: '', seenAt: 'now', macs: ['zz'] }));
    expect(result.errors).toEqual([
      { line: 1, reason: 'source: expected a non-empty string such as "import:NAME"; seenAt: expected an ISO-8601 date-time; macs[0]: invalid MAC "zz"' },
    ]);
  });

  it('skips blank lines but counts them, and reads CRLF, a BOM and streams', async () => {
    const a = line({ source: 'import:a', seenAt: '2024-06-03T09:15:02Z', serial: 'S1' });
    const b = line({ source: 'import:b', seenAt: '2024-06-03T09:15:02Z', serial: 'S2' });
    const text = `\uFEFF${a}\r\n\r\n   \r\n${b}\r\n`;
    for (const input of [text, Buffer.from(text), Readable.from(Buffer.from(text).toString().match(/[^]{1,7}/g)!)]) {
      const result = await parseObservationsJsonl(input);
      expect(result.errors).toEqual([]);
      expect(result.observations.map(({ serial, line }) => [serial, line])).toEqual([
        ['S1', 1],
        ['S2', 4],
      ]);
    }
  });

  it('reports progress at least every 1,000 lines and at the end', async () => {
    const input = Array.from({ length: 2100 }, (_, i) => line({ source: 'import:x', seenAt: '2024-06-03T09:15:02Z', serial: `S${i}` })).join('\n');
    const progress: number[] = [];
    const result = await parseObservationsJsonl(`${input}\n`, { onProgress: (linesRead) => progress.push(linesRead) });
    expect(result.observations).toHaveLength(2100);
    expect(progress).toEqual([1000, 2000, 2100]);
  });
});
