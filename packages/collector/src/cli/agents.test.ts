import { describe, expect, it } from 'vitest';
import type { AgentJson } from '../http/agents.ts';
import { renderAgents } from './agents.ts';

const agent = (id: string, connected: boolean | null): AgentJson => ({
  id,
  hostname: `host-${id}`,
  platform: 'linux',
  agentVersion: '0.1.0',
  connected,
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-20T00:00:00.000Z',
  lastSeq: 7,
});

describe('renderAgents', () => {
  it('counts the connected ones when the running collector said which', () => {
    const text = renderAgents([agent('a1', true), agent('a2', false)], 'table');
    expect(text.split('\n')[0]).toBe('2 agents enrolled, 1 connected now');
    expect(text).toMatch(/│ a2 +│ host-a2 +│ linux +│ 0\.1\.0 +│ no +│ 2026-11-20T00:00:00\.000Z │/);
  });

  it('says where to ask when read from the database, which cannot know', () => {
    const text = renderAgents([agent('a1', null)], 'table');
    expect(text.split('\n')[0]).toBe('1 agent enrolled; whether they are connected only the running collector knows (pass --server http://HOST:PORT)');
    expect(text).toMatch(/│ a1 +│ host-a1 +│ linux +│ 0\.1\.0 +│ \? +│/);
    expect(renderAgents([agent('a1', null)], 'json')).toContain('"connected": null');
  });

  it('tells how to enroll one when there is none', () => {
    expect(renderAgents([], 'table')).toMatch(/^No agent has enrolled yet\. Run one against this collector: rollcall-agent run --server ws:\/\/HOST:PORT\/agent --token TOKEN/);
    expect(renderAgents([], 'csv')).toBe('Agent,Hostname,Platform,Version,Connected,First seen,Last seen,Last seq\n');
  });
});
