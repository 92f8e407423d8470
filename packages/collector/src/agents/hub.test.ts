import { randomUUID } from 'node:crypto';
import {
  decodeFrame,
  encodeFrame,
  ErrorCode,
  inventoryToObject,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  type Frame,
  type Hello,
} from '@rollcall/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../log.ts';
import { startServer, type RunningServer } from '../server.ts';
import { testBackends, type TestDatabase } from '../testing/index.ts';

const TOKEN = 'test-enroll-token';

/** A bare protocol peer: what a (possibly broken) agent puts on the wire, frame by frame. */
class Peer {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(decodeFrame(data as Buffer));
      this.waiters.splice(0).forEach((w) => w());
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string): Promise<Peer> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const peer = new Peer(ws);
      ws.once('open', () => resolve(peer));
      ws.once('error', reject);
    });
  }

  send(frame: Frame) {
    this.ws.send(encodeFrame(frame));
  }

  async next(): Promise<Frame> {
    while (this.frames.length === 0) await new Promise<void>((r) => this.waiters.push(r));
    return this.frames.shift()!;
  }

  async hello(overrides: Partial<Hello> = {}, seq = 1): Promise<Frame> {
    this.send({ seq, kind: 'hello', hello: { agentId: randomUUID(), agentVersion: 'test', protocolVersion: PROTOCOL_VERSION, enrollToken: TOKEN, ...overrides } });
    return this.next();
  }
}

const inventory = (hostname: string) => ({ hostname, machineId: 'mid', networkInterfaces: [{ name: 'eth0', mac: '3c:9c:0f:12:34:56' }] });

describe.each(testBackends())('agent endpoint on $name', (backend) => {
  let db: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    if (!backend.available) return;
    db = await backend.create();
    server = await startServer({ db: db.target, port: 0, host: '127.0.0.1', log: silentLogger, enrollToken: TOKEN });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it.skipIf(!backend.available)('enrolls with the token, stores an inventory and acks it', async () => {
    const peer = await Peer.open(server.agentUrl);
    const welcome = await peer.hello({ hostname: 'lab-07' });
    expect(welcome.kind).toBe('welcome');
    if (welcome.kind !== 'welcome') return;
    expect(welcome.welcome.agentKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    peer.send({ seq: 2, kind: 'inventory', inventory: inventory('lab-07') });
    expect(await peer.next()).toEqual({ seq: 0, kind: 'ack', ack: expect.objectContaining({ seq: 2 }) });
    const devices = await server.stores.devices.list();
    expect(devices.map((d) => d.hostname)).toContain('lab-07');
    peer.ws.close();
  });

  it.skipIf(!backend.available)('accepts the assigned key later, and acks a replay without storing it twice', async () => {
    const agentId = randomUUID();
    const first = await Peer.open(server.agentUrl);
    const welcome = await first.hello({ agentId });
    const agentKey = welcome.kind === 'welcome' ? welcome.welcome.agentKey! : '';
    first.send({ seq: 2, kind: 'inventory', inventory: inventory('replayer') });
    await first.next();
    first.ws.close();

    const second = await Peer.open(server.agentUrl);
    const again = await second.hello({ agentId, enrollToken: undefined, agentKey }, 3);
    expect(again.kind).toBe('welcome');
    if (again.kind === 'welcome') {
      expect(again.welcome.lastCommittedSeq).toBe(2);
      expect(again.welcome.agentKey ?? '').toBe(''); // the key stays what it was
    }
    second.send({ seq: 2, kind: 'inventory', inventory: inventory('replayer') });
    expect((await second.next()).kind).toBe('ack');
    expect(await server.stores.inventories.count(agentId)).toBe(1);
    second.ws.close();
  });

  it.skipIf(!backend.available)('stores metrics batches once each, acked after commit', async () => {
    const agentId = randomUUID();
    const peer = await Peer.open(server.agentUrl);
    await peer.hello({ agentId });
    peer.send({ seq: 2, kind: 'inventory', inventory: inventory('metered') });
    await peer.next();
    const metrics = {
      startMs: Date.parse('2026-11-20T10:00:00Z'), endMs: Date.parse('2026-11-20T10:05:00Z'), samples: 5,
      cpuPercent: { min: 2, avg: 10.5, max: 40 }, memoryUsedPercent: { min: 50, avg: 51, max: 52 },
      mounts: [{ mount: '/', sizeBytes: 1000, usedPercent: { min: 10, avg: 10, max: 10 } }],
      netRxBytes: 1234, netTxBytes: 567, uptimeSeconds: 3600, users: ['ann'], processes: ['code', 'sshd'],
    };
    peer.send({ seq: 3, kind: 'metrics', metrics });
    expect(await peer.next()).toEqual({ seq: 0, kind: 'ack', ack: expect.objectContaining({ seq: 3 }) });
    peer.send({ seq: 3, kind: 'metrics', metrics }); // a replay after a reconnect
    expect((await peer.next()).kind).toBe('ack');
    const stored = await server.stores.metrics.ofAgent(agentId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      seq: 3, samples: 5, cpuAvg: 10.5, memoryMax: 52, netRxBytes: 1234, uptimeSeconds: 3600, users: ['ann'], processes: ['code', 'sshd'],
      startAt: new Date('2026-11-20T10:00:00Z'), mounts: [{ mount: '/', sizeBytes: 1000, usedPercent: { min: 10, avg: 10, max: 10 } }],
    });
    peer.ws.close();
  });

  it.skipIf(!backend.available)('acks metrics sent back to back in their order, each after its commit', async () => {
    const agentId = randomUUID();
    const peer = await Peer.open(server.agentUrl);
    await peer.hello({ agentId });
    const metrics = (seq: number) => ({ startMs: Date.parse('2026-11-20T10:00:00Z') + seq * 60_000, endMs: Date.parse('2026-11-20T10:01:00Z') + seq * 60_000, samples: 1, netRxBytes: seq });
    for (const seq of [2, 3, 4, 5, 3]) peer.send({ seq, kind: 'metrics', metrics: metrics(seq) }); // the last one a replay
    const acks = [];
    for (let i = 0; i < 5; i++) acks.push(await peer.next());
    expect(acks).toEqual([2, 3, 4, 5, 3].map((seq) => ({ seq: 0, kind: 'ack', ack: { seq } })));
    expect((await server.stores.metrics.ofAgent(agentId)).map((m) => [m.seq, m.netRxBytes])).toEqual([[2, 2], [3, 3], [4, 4], [5, 5]]);
    expect((await server.stores.agents.get(agentId))?.lastSeq).toBe(5);
    peer.ws.close();
  });

  it.skipIf(!backend.available)('refuses a metrics batch with a value no column holds, naming it, and stores nothing of it', async () => {
    const agentId = randomUUID();
    const peer = await Peer.open(server.agentUrl);
    await peer.hello({ agentId });
    peer.send({ seq: 2, kind: 'metrics', metrics: { startMs: 1, endMs: 2, samples: 2 ** 32 - 1 } });
    const reply = await peer.next();
    expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.ERROR_CODE_MALFORMED_FRAME, seq: 2, fatal: true } });
    if (reply.kind === 'error') expect(reply.error.message).toBe('metrics batch 2: samples 4294967295 is out of range');
    expect((await peer.closed).code).toBe(1007);
    expect(await server.stores.metrics.ofAgent(agentId)).toEqual([]);
  });

  it.skipIf(!backend.available)('turns the neighbour table into sightings of the agent\'s LAN', async () => {
    const agentId = randomUUID();
    const peer = await Peer.open(server.agentUrl);
    await peer.hello({ agentId });
    peer.send({
      seq: 2,
      kind: 'inventory',
      inventory: {
        ...inventory('sensor'),
        neighbours: [
          { ip: '192.0.2.77', mac: 'b8:27:eb:12:34:56', interface: 'eth0', state: 'reachable' },
          { ip: '192.0.2.78', mac: '', interface: 'eth0', state: 'incomplete' },
          { ip: '192.0.2.79', mac: '00:11:32:00:00:01', interface: 'eth0', state: 'failed' },
        ],
      },
    });
    await peer.next();
    const report = await server.services.reconciliation.run({ asOf: new Date(Date.now() + 1000), ghostAfterDays: 30 });
    const shadow = report.findings.find((f) => f.deviceId === 'mac:b8:27:eb:12:34:56');
    expect(shadow).toMatchObject({ kind: 'shadow', sources: [`arp:${agentId}`], identity: { ips: ['192.0.2.77'] }, vendor: 'Raspberry Pi Foundation' });
    expect(report.findings.some((f) => f.identity.ips.includes('192.0.2.78') || f.identity.ips.includes('192.0.2.79'))).toBe(false);
    peer.ws.close();
  });

  it.skipIf(!backend.available)('applies a partial inventory to the last full one, so the stored picture equals a fresh full report', async () => {
    const agentId = randomUUID();
    const peer = await Peer.open(server.agentUrl);
    await peer.hello({ agentId });
    const software = [{ name: 'libc6', version: '2.36', source: 'dpkg' }, { name: 'openssl', version: '3.0.11', source: 'dpkg' }];
    const full = { ...inventory('delta-host'), system: { serial: 'DELTA1' }, software };
    peer.send({ seq: 2, kind: 'inventory', inventory: full });
    await peer.next();
    const upgraded = [software[0]!, { ...software[1]!, version: '3.0.13' }];
    peer.send({ seq: 3, kind: 'inventory', inventory: { partial: true, sections: ['software'], software: upgraded } });
    await peer.next();
    peer.send({ seq: 4, kind: 'inventory', inventory: { partial: true, sections: [] } }); // nothing changed
    await peer.next();
    const stored = (await server.stores.inventories.latest(agentId))?.snapshot as { hostname: string; system: { serial: string }; software: { version: string }[]; partial: boolean };
    const fresh = inventoryToObject({ ...full, software: upgraded });
    expect({ ...stored, collectedAtMs: 0, partial: false }).toEqual({ ...fresh, collectedAtMs: 0 });
    expect(stored.partial).toBe(false); // normalised: the stored picture is complete
    const device = (await server.stores.devices.list()).find((d) => d.agentId === agentId)!;
    expect(device).toMatchObject({ hostname: 'delta-host', serial: 'DELTA1' });
    peer.ws.close();
  });

  it.skipIf(!backend.available)('stores what an agent reports with NUL characters in it, without them, rather than refusing it for ever', async () => {
    const agentId = randomUUID();
    const peer = await Peer.open(server.agentUrl);
    expect((await peer.hello({ agentId, hostname: 'nul\u0000host' })).kind).toBe('welcome');
    const software = [{ name: 'Contoso\u0000', version: '1.0\u0000\u0000', source: 'registry' }];
    peer.send({ seq: 2, kind: 'inventory', inventory: { ...inventory('nul\u0000host'), system: { serial: 'SN\u00001' }, software } });
    expect(await peer.next()).toEqual({ seq: 0, kind: 'ack', ack: { seq: 2 } });
    peer.send({ seq: 3, kind: 'metrics', metrics: { startMs: 1, endMs: 2, samples: 1, processes: ['ccad\u000064'] } });
    expect(await peer.next()).toEqual({ seq: 0, kind: 'ack', ack: { seq: 3 } });
    expect((await server.stores.agents.get(agentId))?.hostname).toBe('nulhost');
    expect((await server.stores.devices.list()).find((d) => d.agentId === agentId)).toMatchObject({ hostname: 'nulhost', serial: 'SN1' });
    const stored = (await server.stores.inventories.latest(agentId))?.snapshot as { software: { name: string; version: string }[] };
    expect(stored.software).toMatchObject([{ name: 'Contoso', version: '1.0' }]);
    peer.ws.close();
  });

  it.skipIf(!backend.available)('refuses a wrong token with a reason and writes nothing', async () => {
    const agentId = randomUUID();
    const peer = await Peer.open(server.agentUrl);
    const reply = await peer.hello({ agentId, enrollToken: 'wrong' });
    expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.ERROR_CODE_UNAUTHENTICATED, fatal: true } });
    if (reply.kind === 'error') expect(reply.error.message).toMatch(/enrollment token rejected/);
    expect((await peer.closed).code).toBe(1008);
    expect(await server.stores.agents.get(agentId)).toBeUndefined();
  });

  it.skipIf(!backend.available)('refuses a forged agent key', async () => {
    const peer = await Peer.open(server.agentUrl);
    const reply = await peer.hello({ enrollToken: undefined, agentKey: 'forged' });
    expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.ERROR_CODE_UNAUTHENTICATED } });
  });

  it.skipIf(!backend.available)('tells an agent of another protocol version which versions it speaks', async () => {
    const peer = await Peer.open(server.agentUrl);
    const reply = await peer.hello({ protocolVersion: 99 });
    expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.ERROR_CODE_PROTOCOL_VERSION, supportedProtocolVersions: [1] } });
    if (reply.kind === 'error') expect(reply.error.message).toMatch(/protocol version 99 is not supported; this collector speaks 1/);
    expect((await peer.closed).code).toBe(1002);
  });

  it.skipIf(!backend.available)('names a malformed frame and closes with 1007', async () => {
    const peer = await Peer.open(server.agentUrl);
    peer.ws.send(Buffer.from([0x12, 0x40, 0x0a])); // a hello body that claims 64 bytes and has 1
    const reply = await peer.next();
    expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.ERROR_CODE_MALFORMED_FRAME } });
    if (reply.kind === 'error') expect(reply.error.message).toMatch(/truncated frame of 3 bytes/);
    expect((await peer.closed).code).toBe(1007);
  });

  it.skipIf(!backend.available)('rejects text messages', async () => {
    const peer = await Peer.open(server.agentUrl);
    peer.ws.send('{"hello":{}}');
    const reply = await peer.next();
    if (reply.kind !== 'error') throw new Error(`expected an error, got ${reply.kind}`);
    expect(reply.error.message).toMatch(/binary protobuf frames/);
    expect((await peer.closed).code).toBe(1007);
  });

  it.skipIf(!backend.available)('requires Hello before anything else', async () => {
    const peer = await Peer.open(server.agentUrl);
    peer.send({ seq: 1, kind: 'inventory', inventory: inventory('sneaky') });
    const reply = await peer.next();
    expect(reply).toMatchObject({ kind: 'error', error: { code: ErrorCode.ERROR_CODE_UNEXPECTED_FRAME } });
    expect((await server.stores.devices.list()).map((d) => d.hostname)).not.toContain('sneaky');
  });

  it.skipIf(!backend.available)('drops an oversized frame with close code 1009 and keeps serving others', async () => {
    const peer = await Peer.open(server.agentUrl);
    await peer.hello();
    peer.ws.send(Buffer.alloc(MAX_FRAME_BYTES + 1));
    expect((await peer.closed).code).toBe(1009);
    const other = await Peer.open(server.agentUrl);
    expect((await other.hello()).kind).toBe('welcome');
    other.ws.close();
  });

  it.skipIf(!backend.available)('rejects a Hello whose agent id is not a UUID', async () => {
    const peer = await Peer.open(server.agentUrl);
    const reply = await peer.hello({ agentId: "x'; drop table devices; --" });
    if (reply.kind !== 'error') throw new Error(`expected an error, got ${reply.kind}`);
    expect(reply.error.message).toMatch(/is not a UUID/);
    expect((await server.stores.devices.list()).length).toBeGreaterThan(0);
  });

  it.skipIf(!backend.available)('answers other paths with 404 instead of upgrading', async () => {
    await expect(Peer.open(server.agentUrl.replace('/agent', '/elsewhere'))).rejects.toThrow(/404/);
  });
});
