import type { ErrorCode } from '@rollcall/protocol';

/** Why a report failed; maps to the CLI's exit code and message. */
export type AgentErrorCode = 'UNREACHABLE' | 'REFUSED' | 'PROTOCOL' | 'TIMEOUT' | 'CLOSED' | 'CONFIG' | 'INVENTORY';

export class AgentError extends Error {
  override readonly name = 'AgentError';
  constructor(
    readonly code: AgentErrorCode,
    message: string,
    options?: { cause?: unknown; protocolCode?: ErrorCode },
  ) {
    super(message, options);
    this.protocolCode = options?.protocolCode;
  }
  /** For REFUSED: the code of the collector's Error frame; compare with `ErrorCode.ERROR_CODE_…`, never its name. */
  readonly protocolCode: ErrorCode | undefined;
}

export function isAgentError(error: unknown): error is AgentError {
  return error instanceof AgentError;
}
