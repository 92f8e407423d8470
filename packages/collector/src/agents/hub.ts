import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { MAX_FRAME_BYTES } from '@rollcall/protocol';
import WebSocket, { WebSocketServer } from 'ws';
import { AgentConnection, type ConnectionContext } from './connection.ts';

export interface AgentHubOptions extends Omit<ConnectionContext, 'now' | 'helloTimeoutMs'> {
  now?: () => Date;
  helloTimeoutMs?: number;
  /** How often to ping agents; one missed pong and the socket is dropped. */
  heartbeatMs?: number;
}

/** The agents' WebSocket endpoint. Attach it to an HTTP server's `upgrade` event. */
export class AgentHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly alive = new WeakSet<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(options: AgentHubOptions) {
    const ctx: ConnectionContext = {
      ...options,
      now: options.now ?? (() => new Date()),
      helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
    };
    this.wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      this.alive.add(socket);
      socket.on('pong', () => this.alive.add(socket));
      new AgentConnection(socket, request, ctx);
    });
    this.heartbeat = setInterval(() => {
      for (const socket of this.wss.clients) {
        if (!this.alive.has(socket)) {
          socket.terminate();
          continue;
        }
        this.alive.delete(socket);
        socket.ping();
      }
    }, options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  /** Closes every agent socket (agents reconnect to another replica or after restart). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const socket of this.wss.clients) socket.close(1001, 'collector shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
