/** Why a report failed; maps to the CLI's exit code and message. */
export type AgentErrorCode = 'UNREACHABLE' | 'REFUSED' | 'PROTOCOL' | 'TIMEOUT' | 'CLOSED' | 'CONFIG' | 'INVENTORY';

export class AgentError extends Error {
  override readonly name = 'AgentError';
  constructor(
    readonly code: AgentErrorCode,
    message: string,
    options?: { cause?: unknown; protocolCode?: string },
  ) {
    super(message, options);
    this.protocolCode = options?.protocolCode;
  }
  /** For REFUSED: the collector's ErrorCode name, e.g. ERROR_CODE_UNAUTHENTICATED. */
  readonly protocolCode: string | undefined;
}

export function isAgentError(error: unknown): error is AgentError {
  return error instanceof AgentError;
}
