import './runtime.ts';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { rollcall } from './generated/rollcall.js';
import { MAX_FRAME_BYTES } from './version.ts';

const pb = rollcall.v1;

export type Hello = rollcall.v1.Hello.$Properties;
export type Welcome = rollcall.v1.Welcome.$Properties;
export type Schedule = rollcall.v1.Schedule.$Properties;
export type Inventory = rollcall.v1.Inventory.$Properties;
export type Ack = rollcall.v1.Ack.$Properties;
export type MetricsBatch = rollcall.v1.MetricsBatch.$Properties;
export type Neighbour = rollcall.v1.Neighbour.$Properties;
export type SoftwarePackage = rollcall.v1.SoftwarePackage.$Properties;
export type ProtocolError = rollcall.v1.Error.$Properties;
export type Command = rollcall.v1.Command.$Properties;
export type DiscoveryJob = rollcall.v1.DiscoveryJob.$Properties;
export type DiscoveryReport = rollcall.v1.DiscoveryReport.$Properties;
export type SnmpDevice = rollcall.v1.SnmpDevice.$Properties;
export const CommandKind = pb.CommandKind;
export type CommandKind = rollcall.v1.CommandKind;
export const ErrorCode = pb.ErrorCode;
export type ErrorCode = rollcall.v1.ErrorCode;

/** A frame as code handles it: exactly one body, discriminated by `kind`. */
export type Frame =
  | { seq: number; kind: 'hello'; hello: Hello }
  | { seq: number; kind: 'welcome'; welcome: Welcome }
  | { seq: number; kind: 'inventory'; inventory: Inventory }
  | { seq: number; kind: 'ack'; ack: Ack }
  | { seq: number; kind: 'metrics'; metrics: MetricsBatch }
  | { seq: number; kind: 'command'; command: Command }
  | { seq: number; kind: 'discovery'; discovery: DiscoveryReport }
  | { seq: number; kind: 'error'; error: ProtocolError };

export type FrameKind = Frame['kind'];

export type FrameDecodeErrorReason = 'empty' | 'too-large' | 'truncated' | 'invalid' | 'no-body';

/** Thrown by decodeFrame for any input that is not one well-formed frame. */
export class FrameDecodeError extends Error {
  override readonly name = 'FrameDecodeError';
  readonly code = 'FRAME_DECODE';
  constructor(
    readonly reason: FrameDecodeErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isFrameDecodeError(error: unknown): error is FrameDecodeError {
  return error instanceof Error && (error as { code?: unknown }).code === 'FRAME_DECODE';
}

/** Frames larger than this are sent deflated: a software list compresses 4–6×. */
export const COMPRESS_ABOVE_BYTES = 4096;

export function encodeFrame(frame: Frame, options: { compress?: boolean } = {}): Uint8Array {
  const { seq, kind } = frame;
  const body = (frame as Record<string, unknown>)[kind];
  const bytes = pb.Frame.encode({ seq, [kind]: body }).finish();
  if (options.compress === false || bytes.byteLength <= COMPRESS_ABOVE_BYTES) return bytes;
  const deflated = deflateRawSync(bytes);
  return deflated.byteLength < bytes.byteLength ? pb.Frame.encode({ seq, deflated }).finish() : bytes;
}

/** Decodes one frame; throws FrameDecodeError (never anything else) for bad input. */
export function decodeFrame(bytes: Uint8Array): Frame {
  const frame = decodeOne(bytes);
  if (!('deflated' in frame)) return frame;
  let inflated: Buffer;
  try {
    // The cap keeps a small hostile frame from inflating into gigabytes.
    inflated = inflateRawSync(frame.deflated, { maxOutputLength: MAX_FRAME_BYTES });
  } catch (cause) {
    const tooLarge = cause instanceof RangeError || (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new FrameDecodeError(
      tooLarge ? 'too-large' : 'invalid',
      tooLarge ? `deflated frame inflates beyond the ${MAX_FRAME_BYTES}-byte limit` : `deflated frame does not inflate: ${(cause as Error).message}`,
      { cause },
    );
  }
  const inner = decodeOne(inflated);
  if ('deflated' in inner) throw new FrameDecodeError('invalid', 'deflated frame contains another deflated frame');
  return inner;
}

function decodeOne(bytes: Uint8Array): Frame | { seq: number; deflated: Uint8Array } {
  if (bytes.byteLength === 0) throw new FrameDecodeError('empty', 'empty frame');
  if (bytes.byteLength > MAX_FRAME_BYTES) {
    throw new FrameDecodeError(
      'too-large',
      `frame of ${bytes.byteLength} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`,
    );
  }
  let message: rollcall.v1.Frame;
  try {
    message = pb.Frame.decode(bytes);
  } catch (cause) {
    const truncated = cause instanceof RangeError;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new FrameDecodeError(
      truncated ? 'truncated' : 'invalid',
      `${truncated ? 'truncated' : 'malformed'} frame of ${bytes.byteLength} bytes: ${detail}`,
      { cause },
    );
  }
  const kind = message.body;
  if (!kind) throw new FrameDecodeError('no-body', `frame of ${bytes.byteLength} bytes has no body`);
  const body = message[kind];
  if (body == null) throw new FrameDecodeError('no-body', `frame body "${kind}" is empty`);
  return { seq: Number(message.seq), kind, [kind]: body } as Frame;
}

/** Plain-object view of a frame with every default filled in, for logs, JSON and comparisons. */
export function frameToObject(frame: Frame): Record<string, unknown> {
  const { seq, kind } = frame;
  const message = pb.Frame.fromObject({ seq, [kind]: (frame as Record<string, unknown>)[kind] });
  return pb.Frame.toObject(message, { defaults: true, enums: String, longs: Number, oneofs: false });
}

/** Plain-object view of an inventory with every default filled in (what the collector stores). */
export function inventoryToObject(inventory: Inventory): Record<string, unknown> {
  return pb.Inventory.toObject(pb.Inventory.fromObject(inventory), {
    defaults: true,
    enums: String,
    longs: Number,
    arrays: true,
  });
}

export function errorCodeName(code: ErrorCode | null | undefined): string {
  return pb.ErrorCode[code ?? 0] ?? `ERROR_CODE_${code}`;
}
