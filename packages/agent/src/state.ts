import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
// zod's tree-shakable build: the daemon loads a few KB of it instead of all of zod.
import * as z from 'zod/mini';

const StateFile = z.object({
  agentId: z.uuid(),
  agentKey: z.optional(z.string()),
  /** Last sequence number handed out; the next frame gets lastSeq + 1. */
  lastSeq: z.int().check(z.nonnegative()),
  /** What the collector last committed of this machine's inventory, for delta reports. */
  inventoryBase: z.optional(
    z.object({ hashes: z.record(z.string(), z.string()), seq: z.int().check(z.nonnegative()), sinceFull: z.int().check(z.nonnegative()) }),
  ),
});

export type AgentStateData = z.infer<typeof StateFile>;

/** Where the agent keeps its identity between runs, unless --state-dir says otherwise. */
export function defaultStateDir(): string {
  if (process.env.ROLLCALL_AGENT_STATE_DIR) return process.env.ROLLCALL_AGENT_STATE_DIR;
  if (process.platform === 'win32') return join(process.env.ProgramData ?? 'C:\\ProgramData', 'rollcall-agent');
  if (process.getuid?.() === 0) return '/var/lib/rollcall-agent';
  return join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'rollcall-agent');
}

/**
 * The agent's persistent identity: a random agent id made on first run, the key the collector
 * assigned, and the sequence counter. Writes are atomic (temp file + rename) so a crash never
 * leaves a half-written file behind.
 */
export class AgentState {
  private constructor(
    readonly dir: string,
    private data: AgentStateData,
  ) {}

  static open(dir: string): AgentState {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'state.json');
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) {
      const state = new AgentState(dir, { agentId: randomUUID(), lastSeq: 0 });
      state.save();
      return state;
    }
    const parsed = StateFile.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(
        `agent state ${file} is invalid (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); ` +
          'move it away to enroll this machine as a new agent',
      );
    }
    return new AgentState(dir, parsed.data);
  }

  get agentId(): string {
    return this.data.agentId;
  }

  get agentKey(): string | undefined {
    return this.data.agentKey;
  }

  set agentKey(key: string | undefined) {
    if (key === this.data.agentKey) return;
    this.data = { ...this.data, agentKey: key };
    this.save();
  }

  get inventoryBase(): AgentStateData['inventoryBase'] {
    return this.data.inventoryBase;
  }

  set inventoryBase(base: AgentStateData['inventoryBase']) {
    this.data = { ...this.data, inventoryBase: base };
    this.save();
  }

  /** Hands out the next sequence number, persisted before it is used. */
  nextSeq(): number {
    this.data = { ...this.data, lastSeq: this.data.lastSeq + 1 };
    this.save();
    return this.data.lastSeq;
  }

  private save(): void {
    const file = join(this.dir, 'state.json');
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data, null, 2) + '\n', { mode: 0o600 });
    renameSync(temp, file);
  }
}
