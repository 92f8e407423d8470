import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// zod's tree-shakable build: the daemon loads a few KB of it instead of all of zod.
import * as z from 'zod/mini';
import { AgentError } from './errors.ts';

/** Settings an admin puts in the agent's config file; flags and environment variables win over it. */
const positiveInt = () => z.optional(z.int().check(z.positive()));
const ConfigFile = z.strictObject({
  server: z.optional(z.string()),
  token: z.optional(z.string()),
  stateDir: z.optional(z.string()),
  logLevel: z.optional(z.enum(['debug', 'info', 'warn', 'error'])),
  inventoryCron: z.optional(z.string()),
  metricsSampleSeconds: positiveInt(),
  metricsReportSeconds: positiveInt(),
});

export type AgentConfig = z.infer<typeof ConfigFile>;

/** /etc/rollcall/agent.json, or %ProgramData%\rollcall\agent.json on Windows. */
export function defaultConfigPath(): string {
  if (process.platform === 'win32') return join(process.env.ProgramData ?? 'C:\\ProgramData', 'rollcall', 'agent.json');
  return '/etc/rollcall/agent.json';
}

/**
 * Reads the config file. A missing default file is fine (flags may say everything); a file named
 * with --config must exist. A file that is not valid JSON or has unknown keys is an error naming them.
 */
export function loadConfig(path: string | undefined): AgentConfig {
  const file = path ?? defaultConfigPath();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && path === undefined) return {};
    throw new AgentError('CONFIG', `cannot read the config file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AgentError('CONFIG', `the config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown key(s) ${i.keys.join(', ')}` : `${i.path.join('.')}: ${i.message}`));
    throw new AgentError('CONFIG', `the config file ${file} is invalid: ${problems.join('; ')} (keys: server, token, stateDir, logLevel, inventoryCron, metricsSampleSeconds, metricsReportSeconds)`);
  }
  return parsed.data;
}
