export { AgentError, isAgentError, type AgentErrorCode } from './errors.ts';
export { collectInventory } from './inventory/collect.ts';
export { collectHardware, inventoryMacs } from './inventory/hardware.ts';
export type { SoftwareEntry, SoftwareProbe, SoftwareSource } from './software/types.ts';
export { backoffDelay, reportOnce, runConnected } from './run.ts';
export { CollectorSession, type SessionOptions } from './session.ts';
export { AgentState, defaultStateDir } from './state.ts';
export { defaultConfigPath, loadConfig, type AgentConfig } from './config.ts';
export { AGENT_VERSION } from './version.ts';
