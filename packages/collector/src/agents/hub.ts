import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CommandKind, MAX_FRAME_BYTES, type DiscoveryJob } from '@rollcall/protocol';
import WebSocket, { WebSocketServer } from 'ws';
import { WS_CLOSE } from '../errors.ts';
import { AgentConnection, type ConnectionContext } from './connection.ts';

export interface AgentHubOptions extends Omit<ConnectionContext, 'now' | 'helloTimeoutMs' | 'connected'> {
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
  private readonly connected = new Map<string, AgentConnection>();

  constructor(options: AgentHubOptions) {
    const ctx: ConnectionContext = {
      ...options,
      now: options.now ?? (() => new Date()),
      helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
      connected: this.connected,
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

  connectedAgents(): string[] {
    return [...this.connected.keys()];
  }

  /**
   * Asks connected agents to report now. Each gets a random delay within `spreadMs`, which it waits
   * out itself, so a fleet-wide refresh arrives as a steady trickle, not a thundering herd.
   */
  refresh(request: { agents?: string[]; kind: 'inventory' | 'metrics'; spreadMs: number }, random = Math.random) {
    const targets = request.agents ?? [...this.connected.keys()];
    const sent: string[] = [];
    const notConnected: string[] = [];
    const kind = request.kind === 'inventory' ? CommandKind.COMMAND_KIND_FULL_INVENTORY : CommandKind.COMMAND_KIND_METRICS_NOW;
    for (const agentId of targets) {
      const connection = this.connected.get(agentId);
      if (!connection) notConnected.push(agentId);
      else {
        connection.command(kind, Math.floor(random() * request.spreadMs));
        sent.push(agentId);
      }
    }
    return { sent, notConnected };
  }

  /** Gives a connected agent an SNMP sweep to run on its LAN; false when it is not connected. */
  assignDiscovery(agentId: string, job: DiscoveryJob): boolean {
    const connection = this.connected.get(agentId);
    if (!connection) return false;
    connection.command(CommandKind.COMMAND_KIND_DISCOVERY, 0, { discovery: job });
    return true;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  /** Closes every agent socket (agents reconnect to another replica or after restart). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const socket of this.wss.clients) socket.close(WS_CLOSE.goingAway, 'collector shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
