import { readFileSync } from 'node:fs';
import { defaultConfigPath } from '@rollcall/agent';
import { parse as parseIni } from 'ini';
import plist from 'plist';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const agentBin = Object.keys(JSON.parse(read('packages/agent/package.json')).bin as Record<string, string>)[0]!;
// The agent's own default on Linux and macOS, where these tests run.
const CONFIG = defaultConfigPath();

describe('deploy/agent', () => {
  it('systemd unit runs the agent binary with its config, hardened', () => {
    const unit = parseIni(read('deploy/agent/rollcall-agent.service'));
    const service = unit.Service as Record<string, string>;
    expect(service.ExecStart).toBe(`/usr/local/bin/${agentBin} run --config ${CONFIG}`);
    expect(service.DynamicUser).toBe('yes');
    expect(service.ProtectSystem).toBe('strict');
    expect(service.StateDirectory).toBe('rollcall-agent');
    expect(service.Environment).toBe('ROLLCALL_AGENT_STATE_DIR=%S/rollcall-agent');
    expect(service.NoNewPrivileges).toBe('yes');
    expect(service.MemoryDenyWriteExecute).toBeUndefined(); // V8's JIT needs W+X pages
    expect((unit.Install as Record<string, string>).WantedBy).toBe('multi-user.target');
  });

  it('launchd plist runs the agent binary with its config and keeps it alive', () => {
    const daemon = plist.parse(read('deploy/agent/com.rollcall.agent.plist')) as Record<string, unknown>;
    expect(daemon.Label).toBe('com.rollcall.agent');
    expect(daemon.ProgramArguments).toEqual([`/usr/local/bin/${agentBin}`, 'run', '--config', CONFIG]);
    expect(daemon.KeepAlive).toBe(true);
    expect(daemon.RunAtLoad).toBe(true);
    expect((daemon.EnvironmentVariables as Record<string, string>).ROLLCALL_AGENT_STATE_DIR).toMatch(/rollcall-agent$/);
  });

  it('Windows installer registers the agent binary with its config under ProgramData', () => {
    const script = read('deploy/agent/install-windows.ps1');
    expect(script).toContain(`\\rollcall\\${agentBin}.cmd`);
    expect(script).toMatch(/Join-Path \$configDir 'agent\.json'/);
    expect(script).toMatch(/Join-Path \$env:ProgramData 'rollcall'/);
    expect(script).toContain('-Argument "run --config `"$configPath`""');
    expect(script).toMatch(/Register-ScheduledTask -TaskName 'rollcall-agent'/);
    expect(script).toMatch(/-RestartCount \d+/);
  });
});
