import { hostname } from 'node:os';
import { encodeFrame, ErrorCode, PROTOCOL_VERSION, type Command, type Frame, type Inventory, type MetricsBatch, type Welcome } from '@rollcall/protocol';
import { FrameChannel } from './channel.ts';
import { AgentError } from './errors.ts';
import type { Logger } from './log.ts';
import type { AgentState } from './state.ts';
import { AGENT_VERSION } from './version.ts';

export interface SessionOptions {
  /** ws:// or wss:// URL of the collector's /agent endpoint. */
  server: string;
  /** Enrollment token; only needed until the collector has assigned this agent a key. */
  token?: string | undefined;
  state: AgentState;
  log: Logger;
  timeoutMs?: number;
}

/** An accepted connection to the collector: Hello sent, Welcome received. */
export class CollectorSession {
  private constructor(
    private readonly channel: FrameChannel,
    private readonly options: SessionOptions,
    readonly welcome: Welcome,
  ) {}

  /** Called for each command the collector sends over this connection. */
  onCommand(handler: (command: Command) => void): void {
    this.channel.onCommand = handler;
  }

  get closed(): Promise<AgentError> {
    return this.channel.closed;
  }

  static async open(options: SessionOptions): Promise<CollectorSession> {
    try {
      return await CollectorSession.hello(options);
    } catch (error) {
      // A collector whose database was rebuilt no longer knows our key: enroll again if we can.
      const keyRejected = error instanceof AgentError && error.protocolCode === ErrorCode.ERROR_CODE_UNAUTHENTICATED && options.state.agentKey;
      if (!keyRejected || !options.token) throw error;
      options.log.warn('collector rejected our agent key; enrolling again with the token');
      options.state.agentKey = undefined;
      return CollectorSession.hello(options);
    }
  }

  private static async hello(options: SessionOptions): Promise<CollectorSession> {
    const { state, token, server } = options;
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!state.agentKey && !token) {
      throw new AgentError('REFUSED', 'this agent is not enrolled yet: pass --token (or set ROLLCALL_ENROLL_TOKEN) with the token `rollcall serve` printed');
    }
    const channel = await FrameChannel.connect(server, timeoutMs);
    try {
      channel.send({
        seq: state.nextSeq(),
        kind: 'hello',
        hello: {
          agentId: state.agentId,
          agentVersion: AGENT_VERSION,
          protocolVersion: PROTOCOL_VERSION,
          // A key, once assigned, proves who we are; the token is only for first contact.
          ...(state.agentKey ? { agentKey: state.agentKey } : { enrollToken: token }),
          hostname: hostname(),
          platform: process.platform,
        },
      });
      const reply = await channel.next(timeoutMs, 'Welcome');
      if (reply.kind !== 'welcome') {
        throw new AgentError('PROTOCOL', `collector answered Hello with ${reply.kind}, expected welcome`);
      }
      if (reply.welcome.agentKey) state.agentKey = reply.welcome.agentKey;
      options.log.info({ server, agentId: state.agentId }, 'connected to collector');
      return new CollectorSession(channel, options, reply.welcome);
    } catch (error) {
      channel.close();
      throw error;
    }
  }

  /** Sends an inventory and resolves once the collector has committed it. */
  sendInventory(inventory: Inventory): Promise<{ seq: number; bytes: number }> {
    return this.sendCommitted({ kind: 'inventory', inventory });
  }

  /** Sends a metrics batch and resolves once the collector has committed it. */
  sendMetrics(metrics: MetricsBatch): Promise<{ seq: number; bytes: number }> {
    return this.sendCommitted({ kind: 'metrics', metrics });
  }

  /** One data frame at a time: the next waits until the collector acked the previous one. */
  private sendCommitted(body: { kind: 'inventory'; inventory: Inventory } | { kind: 'metrics'; metrics: MetricsBatch }) {
    const seq = this.options.state.nextSeq();
    return this.sendEncoded(seq, encodeFrame({ seq, ...body } as Frame), body.kind);
  }

  /** Sends an already encoded frame (e.g. from the spool) and resolves once the collector acked it. */
  sendEncoded(seq: number, bytes: Uint8Array, label: string): Promise<{ seq: number; bytes: number }> {
    const sent = this.queue.then(async () => {
      this.channel.sendBytes(bytes);
      const timeoutMs = this.options.timeoutMs ?? 30_000;
      for (;;) {
        const frame = await this.channel.next(timeoutMs, `Ack for ${label} seq ${seq}`);
        if (frame.kind === 'ack' && Number(frame.ack.seq) >= seq) {
          this.options.log.debug({ seq, bytes: bytes.byteLength, kind: label }, 'acknowledged');
          return { seq, bytes: bytes.byteLength };
        }
      }
    });
    this.queue = sent.then(
      () => undefined,
      () => undefined,
    );
    return sent;
  }

  private queue: Promise<void> = Promise.resolve();

  close(): void {
    this.channel.close();
  }
}
