export { AgentError, isAgentError, type AgentErrorCode } from './errors.ts';
export { collectHardware, inventoryMacs } from './inventory/hardware.ts';
export { backoffDelay, reportOnce, runConnected } from './run.ts';
export { CollectorSession, type SessionOptions } from './session.ts';
export { AgentState, defaultStateDir } from './state.ts';
export { AGENT_VERSION } from './version.ts';
