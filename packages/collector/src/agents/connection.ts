import type { IncomingMessage } from 'node:http';
import {
  decodeFrame,
  encodeFrame,
  ErrorCode,
  isFrameDecodeError,
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  type Command,
  type Frame,
  type CommandKind,
  type Hello,
  type Inventory,
  type MetricsBatch,
} from '@rollcall/protocol';
import type WebSocket from 'ws';
import { z } from 'zod';
import { ERRORS, isRollcallError, type RollcallErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';
import { stripNulCharacters } from '../storable-text.ts';
import type { AgentService } from '../services/agents.ts';
import { COLLECTOR_VERSION } from '../version.ts';

const AgentId = z.uuid({ message: 'agent_id must be a UUID' });

export interface ConnectionContext {
  /** Where what agents send goes: the socket only decodes frames, calls this and maps its errors. */
  agents: Pick<AgentService, 'authenticate' | 'ingestInventory' | 'ingestMetrics' | 'ingestDiscovery'>;
  enrollToken: string;
  log: Logger;
  now: () => Date;
  helloTimeoutMs: number;
  /** Connected agents by id, for commands over their open sockets. */
  connected: Map<string, AgentConnection>;
}

/** One agent's socket: Hello first, then data frames, each acked after commit, in order. */
export class AgentConnection {
  private agentId: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly openedAt = Date.now();
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    request: IncomingMessage,
    private readonly ctx: ConnectionContext,
  ) {
    this.log = ctx.log.child({ remote: request.socket.remoteAddress });
    this.helloTimer = setTimeout(
      () => this.fail('PROTOCOL_VIOLATION', `no Hello within ${ctx.helloTimeoutMs} ms`),
      ctx.helloTimeoutMs,
    );
    socket.on('message', (data, isBinary) => {
      // Frames are handled strictly one after another so acks and commits keep the agent's order.
      this.queue = this.queue.then(() => this.onMessage(data as Buffer, isBinary));
    });
    socket.on('close', (code, reason) => {
      clearTimeout(this.helloTimer);
      if (this.agentId && ctx.connected.get(this.agentId) === this) ctx.connected.delete(this.agentId);
      if (this.agentId) {
        this.log.info({ code, reason: reason.toString(), connectedMs: Date.now() - this.openedAt }, 'agent disconnected');
      }
    });
    socket.on('error', (error) => this.log.warn({ err: error.message }, 'agent socket error'));
  }

  private async onMessage(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (!isBinary) {
      return this.fail('BAD_INPUT', 'text message received; rollcall agents send binary protobuf frames');
    }
    let frame: Frame;
    try {
      // An agent reports what the host says; NULs in it (padding in registry values or SNMP
      // strings) cannot be stored and mean nothing, so they go rather than the whole frame.
      frame = stripNulCharacters(decodeFrame(data));
    } catch (error) {
      if (!isFrameDecodeError(error)) throw error;
      return this.fail('BAD_INPUT', error.message);
    }
    // Only these outlive the frame's handling: the decoded frame is garbage once it is stored.
    const { seq, kind } = frame;
    try {
      if (!this.agentId) return await this.onHello(frame);
      switch (frame.kind) {
        case 'inventory':
          return await this.onInventory(frame.seq, frame.inventory, data.byteLength);
        case 'metrics':
          return await this.onMetrics(frame.seq, frame.metrics);
        case 'discovery':
          await this.ctx.agents.ingestDiscovery(this.agentId, frame.discovery);
          return this.send({ seq: 0, kind: 'ack', ack: { seq } });
        case 'error':
          this.log.warn({ code: frame.error.code, message: frame.error.message }, 'agent reported an error');
          return;
        default:
          return this.fail('PROTOCOL_VIOLATION', `unexpected ${frame.kind} frame after Hello`);
      }
    } catch (error) {
      if (isRollcallError(error) && error.code !== 'INTERNAL') {
        this.log.warn({ agentId: this.agentId, seq, kind, code: error.code, reason: error.message }, 'frame refused');
        return this.fail(error.code, error.message, seq);
      }
      this.log.error({ err: error, seq, kind }, 'failed to handle frame');
      // Not fatal for the data: it stays unacked on the agent, which sends it again later.
      this.fail('INTERNAL', 'collector could not store the frame; retry later', seq);
    }
  }

  private async onHello(frame: Frame): Promise<void> {
    if (frame.kind !== 'hello') {
      return this.fail('PROTOCOL_VIOLATION', `expected Hello as the first frame, got ${frame.kind}`);
    }
    const hello: Hello = frame.hello;
    const version = hello.protocolVersion ?? 0;
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      return this.fail('UNSUPPORTED_PROTOCOL', `protocol version ${version} is not supported; this collector speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`);
    }
    const agentId = AgentId.safeParse(hello.agentId);
    if (!agentId.success) {
      return this.fail('BAD_INPUT', `Hello rejected: agent_id ${JSON.stringify(hello.agentId ?? '')} is not a UUID`);
    }
    let welcome: { newKey?: string; lastCommittedSeq: number };
    try {
      welcome = await this.ctx.agents.authenticate(hello, this.ctx.enrollToken, this.ctx.now());
    } catch (error) {
      if (!isRollcallError(error) || error.code !== 'UNAUTHENTICATED') throw error;
      this.log.warn({ agentId: agentId.data, reason: error.message }, 'agent refused');
      return this.fail('UNAUTHENTICATED', error.message);
    }
    clearTimeout(this.helloTimer);
    this.agentId = agentId.data;
    this.ctx.connected.set(this.agentId, this);
    const { newKey, lastCommittedSeq } = welcome;
    this.send({
      seq: 0,
      kind: 'welcome',
      welcome: {
        agentKey: newKey ?? '',
        lastCommittedSeq,
        collectorVersion: COLLECTOR_VERSION,
        schedule: {},
      },
    });
    this.log.info(
      { agentId: this.agentId, hostname: hello.hostname, agentVersion: hello.agentVersion, enrolled: newKey !== undefined, protocolVersion: PROTOCOL_VERSION },
      'agent connected',
    );
  }

  private async onInventory(seq: number, inventory: Inventory, frameBytes: number): Promise<void> {
    const result = await this.ctx.agents.ingestInventory({
      agentId: this.agentId!,
      seq,
      inventory,
      frameBytes,
      receivedAt: this.ctx.now(),
    });
    this.log.debug({ agentId: this.agentId, seq, frameBytes, duplicate: result.duplicate }, 'inventory stored');
    this.send({ seq: 0, kind: 'ack', ack: { seq } });
  }

  private async onMetrics(seq: number, metrics: MetricsBatch): Promise<void> {
    // A value no column holds is BAD_INPUT naming it: refused like any other error, below.
    const result = await this.ctx.agents.ingestMetrics({ agentId: this.agentId!, seq, metrics, receivedAt: this.ctx.now() });
    this.log.debug({ agentId: this.agentId, seq, duplicate: result.duplicate }, 'metrics stored');
    this.send({ seq: 0, kind: 'ack', ack: { seq } });
  }

  /** Asks the agent to act now (after `delayMs`), over its open socket. */
  command(kind: CommandKind, delayMs: number, fields: Omit<Command, 'kind' | 'delayMs'> = {}): void {
    this.send({ seq: 0, kind: 'command', command: { kind, delayMs, ...fields } });
  }

  private send(frame: Frame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encodeFrame(frame));
  }

  /** Sends an Error frame naming what was wrong, then closes the socket; both codes come from the one error table. */
  private fail(code: RollcallErrorCode, message: string, seq = 0): void {
    const { error, close } = ERRORS[code].ws;
    this.send({ seq: 0, kind: 'error', error: { code: ErrorCode[error], message, seq, fatal: true, supportedProtocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS] } });
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(close, truncateReason(message));
  }
}

/** A close reason must fit in 123 bytes of UTF-8. */
function truncateReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.byteLength <= 123 ? text : bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD+$/, '') + '...';
}
