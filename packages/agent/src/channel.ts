import WebSocket from 'ws';
import {
  decodeFrame,
  encodeFrame,
  errorCodeName,
  MAX_FRAME_BYTES,
  type Command,
  type Frame,
} from '@rollcall/protocol';
import { AgentError } from './errors.ts';

/**
 * One WebSocket to the collector as a stream of decoded frames: `send` encodes, `next` waits for
 * the next frame (or fails with the reason the socket closed).
 */
export class FrameChannel {
  private readonly queue: Frame[] = [];
  /** Commands from the collector arrive unasked; they go here, not to whoever awaits an Ack. */
  onCommand: ((command: Command) => void) | undefined;
  private waiter: { resolve: (f: Frame) => void; reject: (e: Error) => void } | undefined;
  private failure: AgentError | undefined;
  readonly closed: Promise<AgentError>;

  private constructor(private readonly socket: WebSocket) {
    let onClosed!: (error: AgentError) => void;
    this.closed = new Promise((resolve) => (onClosed = resolve));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return this.fail(new AgentError('PROTOCOL', 'collector sent a text message; expected binary frames'));
      try {
        this.push(decodeFrame(data as Buffer));
      } catch (cause) {
        this.fail(new AgentError('PROTOCOL', `collector sent a bad frame: ${(cause as Error).message}`, { cause }));
      }
    });
    socket.on('close', (code, reason) => {
      const text = reason.toString() || 'no reason given';
      this.fail(new AgentError('CLOSED', `collector closed the connection (${code}: ${text})`));
      onClosed(this.failure!);
    });
    socket.on('error', (cause) => this.fail(new AgentError('CLOSED', `connection error: ${cause.message}`, { cause })));
  }

  static connect(url: string, timeoutMs: number): Promise<FrameChannel> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { maxPayload: MAX_FRAME_BYTES, handshakeTimeout: timeoutMs });
      const onError = (cause: Error) => {
        socket.removeAllListeners();
        socket.terminate();
        reject(new AgentError('UNREACHABLE', `cannot reach the collector at ${url}: ${cause.message}`, { cause }));
      };
      socket.once('error', onError);
      socket.once('unexpected-response', (_req, res) =>
        onError(new Error(`HTTP ${res.statusCode} instead of a WebSocket upgrade; is ${url} the collector's /agent endpoint?`)),
      );
      socket.once('open', () => {
        socket.off('error', onError);
        resolve(new FrameChannel(socket));
      });
    });
  }

  send(frame: Frame): number {
    return this.sendBytes(encodeFrame(frame));
  }

  sendBytes(bytes: Uint8Array): number {
    this.socket.send(bytes);
    return bytes.byteLength;
  }

  /** The next frame; an Error frame from the collector is thrown as REFUSED. */
  async next(timeoutMs: number, waitingFor: string): Promise<Frame> {
    const frame = await this.take(timeoutMs, waitingFor);
    if (frame.kind === 'error') {
      const { code, message } = frame.error;
      // The name is for people reading the message; code compares with ErrorCode values.
      throw new AgentError('REFUSED', `collector refused: ${message ?? ''} [${errorCodeName(code)}]`, { protocolCode: code ?? undefined });
    }
    return frame;
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000, 'agent done');
  }

  private take(timeoutMs: number, waitingFor: string): Promise<Frame> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new AgentError('TIMEOUT', `no ${waitingFor} from the collector within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (f) => (clearTimeout(timer), resolve(f)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
  }

  private push(frame: Frame): void {
    if (frame.kind === 'command') return this.onCommand?.(frame.command);
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(frame);
    else this.queue.push(frame);
  }

  private fail(error: AgentError): void {
    // An Error frame queued before the close explains it better than the close does.
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter && this.queue.length === 0) waiter.reject(this.failure);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1002, error.message.slice(0, 120));
  }
}
