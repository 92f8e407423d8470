/** Why a report failed; maps to the CLI's exit code and message. */
export type AgentErrorCode = 'UNREACHABLE' | 'REFUSED' | 'PROTOCOL' | 'TIMEOUT' | 'CLOSED';

export class AgentError extends Error {
  override readonly name = 'AgentError';
  constructor(
    readonly code: AgentErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAgentError(error: unknown): error is AgentError {
  return error instanceof AgentError;
}
