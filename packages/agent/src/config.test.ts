import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'rollcall-agent-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadConfig', () => {
  it('reads the documented keys', () => {
    const path = file('ok.json', JSON.stringify({ server: 'ws://collector:8080/agent', token: 't', stateDir: '/var/lib/x', logLevel: 'debug' }));
    expect(loadConfig(path)).toEqual({ server: 'ws://collector:8080/agent', token: 't', stateDir: '/var/lib/x', logLevel: 'debug' });
  });

  it('names unknown keys and wrong values', () => {
    expect(() => loadConfig(file('typo.json', '{"sever":"ws://x"}'))).toThrow(/invalid: unknown key\(s\) sever/);
    expect(() => loadConfig(file('level.json', '{"logLevel":"loud"}'))).toThrow(/logLevel/);
  });

  it('says when the file is not JSON', () => {
    expect(() => loadConfig(file('bad.json', '{server:'))).toThrow(/is not valid JSON/);
  });

  it('requires a file named explicitly, but not the default one', () => {
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/cannot read the config file/);
  });
});
