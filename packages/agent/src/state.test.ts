import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentState } from './state.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-agent-state-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('AgentState', () => {
  it('creates a random agent id once and keeps it', () => {
    const dir = tempDir();
    const first = AgentState.open(dir);
    expect(first.agentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(AgentState.open(dir).agentId).toBe(first.agentId);
    expect(AgentState.open(tempDir()).agentId).not.toBe(first.agentId);
  });

  it('persists sequence numbers and the assigned key across restarts', () => {
    const dir = tempDir();
    const state = AgentState.open(dir);
    expect([state.nextSeq(), state.nextSeq()]).toEqual([1, 2]);
    state.agentKey = 'key-1';
    const reopened = AgentState.open(dir);
    expect(reopened.nextSeq()).toBe(3);
    expect(reopened.agentKey).toBe('key-1');
  });

  it('refuses a corrupt state file with a message saying what to do', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ agentId: 'nope', lastSeq: -1 }));
    expect(() => AgentState.open(dir)).toThrow(/invalid.*agentId.*move it away/s);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toContain('nope');
  });
});
