import { describe, expect, it } from 'vitest';
import {
  CommandKind,
  decodeFrame,
  encodeFrame,
  ErrorCode,
  FrameDecodeError,
  frameToObject,
  isFrameDecodeError,
  type Frame,
} from './index.ts';

const inventory = {
  collectedAtMs: 1_795_000_000_123,
  hostname: 'lab-07',
  machineId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  system: { manufacturer: 'LENOVO', model: '20XW0026GE', serial: 'PF3ABCDE', uuid: 'a1b2c3d4-0000-1111-2222-333344445555', virtual: false },
  bios: { vendor: 'LENOVO', version: 'N32ET86W (1.62 )', releaseDate: '2023-05-10' },
  baseboard: { manufacturer: 'LENOVO', model: '20XW0026GE', serial: 'L1HF1AB0XYZ' },
  cpu: { manufacturer: 'Intel', brand: 'Core™ i7-1165G7', cores: 8, physicalCores: 4, speedGhz: 2.799999952316284, architecture: 'x64' },
  memory: { totalBytes: 17_179_869_184, modules: [{ sizeBytes: 8_589_934_592, type: 'DDR4', clockMhz: 3200 }] },
  disks: [{ device: '/dev/nvme0n1', type: 'NVMe', model: 'SAMSUNG MZVL2512', serial: 'S6ABNS0T123456', sizeBytes: 512_110_190_592 }],
  software: [
    { name: 'libc6', version: '2.36-9+deb12u4', publisher: 'GNU Libc Maintainers', source: 'dpkg', arch: 'amd64' },
    { name: 'Zoë’s Tool ✓', version: '1:2.3-4', source: 'windows', installedAtMs: 1_700_000_000_000, location: 'HKLM\\Software\\X' },
  ],
  neighbours: [
    { ip: '192.0.2.1', mac: '00:1a:2b:3c:4d:5e', interface: 'eth0', state: 'reachable' },
    { ip: 'fe80::1', mac: '', interface: 'eth0', state: 'incomplete' },
  ],
  networkInterfaces: [
    { name: 'wlp0s20f3', mac: '3c:9c:0f:12:34:56', ipv4: ['192.0.2.10'], ipv6: ['fe80::1'], type: 'wireless', up: true, speedMbps: 866 },
    { name: 'docker0', mac: '02:42:ac:11:00:01', ipv4: ['172.17.0.1'], virtual: true },
  ],
  os: { platform: 'linux', distro: 'Ubuntu', release: '24.04', kernel: '6.8.0-45-generic', arch: 'x64', fqdn: 'lab-07.corp.example' },
};

const everyKind: Frame[] = [
  { seq: 1, kind: 'hello', hello: { agentId: '6f1c2a52-7a4e-4b5b-9f53-1b2f3c4d5e6f', agentVersion: '0.1.0', protocolVersion: 1, enrollToken: 'tok', hostname: 'lab-07', platform: 'linux' } },
  { seq: 0, kind: 'hello', hello: { agentId: 'x', protocolVersion: 1, agentKey: 'key-123' } },
  { seq: 0, kind: 'welcome', welcome: { agentKey: 'k', lastCommittedSeq: 41, collectorVersion: '0.1.0', schedule: { inventoryCron: '17 3 * * *', metricsSampleSeconds: 60, metricsReportSeconds: 300 } } },
  { seq: 2, kind: 'inventory', inventory },
  { seq: 0, kind: 'ack', ack: { seq: 2 } },
  { seq: 0, kind: 'command', command: { kind: CommandKind.COMMAND_KIND_FULL_INVENTORY, delayMs: 1500 } },
  {
    seq: 3,
    kind: 'metrics',
    metrics: {
      startMs: 1_795_000_000_000, endMs: 1_795_000_300_000, samples: 5,
      cpuPercent: { min: 1.5, avg: 12.25, max: 88 }, memoryUsedPercent: { min: 40, avg: 41.5, max: 43 },
      mounts: [{ mount: '/', sizeBytes: 512_110_190_592, usedPercent: { min: 61, avg: 61.5, max: 62 } }],
      netRxBytes: 123_456_789, netTxBytes: 9_876_543, uptimeSeconds: 86_400, users: ['ann', 'root'], processes: ['chrome', 'code', 'sshd'],
    },
  },
  { seq: 0, kind: 'error', error: { code: ErrorCode.ERROR_CODE_PROTOCOL_VERSION, message: 'speaks 1', supportedProtocolVersions: [1], seq: 1, fatal: true } },
  // uint64 beyond 32 bits must survive (sequence numbers grow for the agent's whole life).
  { seq: 2 ** 40 + 7, kind: 'ack', ack: { seq: 2 ** 40 + 7 } },
];

describe('frame round trip', () => {
  it.each(everyKind.map((f) => [f.kind, f] as const))('%s survives encode → decode', (_kind, frame) => {
    const decoded = decodeFrame(encodeFrame(frame));
    expect(decoded.kind).toBe(frame.kind);
    expect(decoded.seq).toBe(frame.seq);
    expect(frameToObject(decoded)).toEqual(frameToObject(frame));
  });

  it('keeps every field of a full inventory', () => {
    const decoded = decodeFrame(encodeFrame({ seq: 9, kind: 'inventory', inventory }));
    if (decoded.kind !== 'inventory') throw new Error('wrong kind');
    const plain = frameToObject(decoded).inventory as Record<string, unknown>;
    expect(plain).toMatchObject({
      ...inventory,
      cpu: { ...inventory.cpu, speedGhz: expect.closeTo(2.8, 5) },
    });
  });

  it('decodes nested 64-bit fields as plain numbers, not Long objects', () => {
    const ack = decodeFrame(encodeFrame({ seq: 0, kind: 'ack', ack: { seq: 2 ** 40 + 7 } }));
    if (ack.kind !== 'ack') throw new Error('wrong kind');
    expect(ack.ack.seq).toBe(2 ** 40 + 7);
    const inv = decodeFrame(encodeFrame({ seq: 3, kind: 'inventory', inventory }));
    if (inv.kind !== 'inventory') throw new Error('wrong kind');
    expect(inv.inventory.memory?.totalBytes).toBe(17_179_869_184);
    expect(inv.inventory.collectedAtMs).toBe(1_795_000_000_123);
  });

  it('keeps which credential a Hello carries', () => {
    const withKey = decodeFrame(encodeFrame(everyKind[1]!));
    if (withKey.kind !== 'hello') throw new Error('wrong kind');
    expect(withKey.hello.agentKey).toBe('key-123');
    expect(withKey.hello.enrollToken ?? '').toBe('');
  });
});

describe('compression', () => {
  const software = Array.from({ length: 800 }, (_, i) => ({ name: `package-${i}`, version: `1.${i}.0-1`, publisher: 'Debian Maintainers', source: 'dpkg', arch: 'amd64' }));
  const big: Frame = { seq: 7, kind: 'inventory', inventory: { ...inventory, software } };

  it('deflates large frames transparently and at least halves a software list', () => {
    const plain = encodeFrame(big, { compress: false });
    const packed = encodeFrame(big);
    expect(packed.byteLength * 2).toBeLessThan(plain.byteLength);
    const decoded = decodeFrame(packed);
    expect(decoded.seq).toBe(7);
    expect(frameToObject(decoded)).toEqual(frameToObject(big));
  });

  it('leaves small frames as they are', () => {
    const ack: Frame = { seq: 0, kind: 'ack', ack: { seq: 1 } };
    expect(encodeFrame(ack)).toEqual(encodeFrame(ack, { compress: false }));
  });

  it('refuses a small frame that would inflate beyond the limit (a zip bomb)', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const { rollcall } = await import('./generated/rollcall.js');
    const bomb = rollcall.v1.Frame.encode({ seq: 1, deflated: deflateRawSync(Buffer.alloc(8 * 1024 * 1024)) }).finish();
    expect(bomb.byteLength).toBeLessThan(20_000);
    expect(() => decodeFrame(bomb)).toThrow(/inflates beyond/);
  });

  it('names deflated bytes that are not DEFLATE data', async () => {
    const { rollcall } = await import('./generated/rollcall.js');
    const junk = rollcall.v1.Frame.encode({ seq: 1, deflated: Uint8Array.of(0xff, 0xff, 0xff, 0xff) }).finish();
    expect(() => decodeFrame(junk)).toThrow(FrameDecodeError);
  });
});

describe('bad input', () => {
  const good = encodeFrame({ seq: 2, kind: 'inventory', inventory });

  it('rejects an empty buffer', () => {
    expect(() => decodeFrame(new Uint8Array())).toThrow(/empty frame/);
  });

  it('rejects every truncation of a valid frame with a typed error', () => {
    for (let length = 1; length < good.byteLength; length++) {
      let error: unknown;
      try {
        decodeFrame(good.subarray(0, length));
      } catch (e) {
        error = e;
      }
      // Some prefixes are themselves valid frames (a bare seq field): those must still lack a body.
      expect(error, `prefix of ${length} bytes`).toBeInstanceOf(FrameDecodeError);
      expect(isFrameDecodeError(error)).toBe(true);
    }
  });

  it('names truncation as such', () => {
    expect(() => decodeFrame(good.subarray(0, good.byteLength - 3))).toThrow(/truncated/);
  });

  it('never crashes on garbage: a frame or a FrameDecodeError, nothing else', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let rejected = 0;
    for (let i = 0; i < 5000; i++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
      try {
        const frame = decodeFrame(bytes);
        expect(['hello', 'welcome', 'inventory', 'ack', 'error', 'metrics', 'command']).toContain(frame.kind);
      } catch (e) {
        expect(e).toBeInstanceOf(FrameDecodeError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(4000);
  });

  it('rejects a frame with no body', () => {
    expect(() => decodeFrame(Uint8Array.of(0x08, 0x05))).toThrow(/no body/);
  });

  it('rejects a frame over the size limit before decoding it', () => {
    const error = (() => {
      try {
        decodeFrame(new Uint8Array(4 * 1024 * 1024 + 1));
      } catch (e) {
        return e as FrameDecodeError;
      }
    })();
    expect(error?.reason).toBe('too-large');
  });
});
