import { readFileSync } from 'node:fs';
import { defaultConfigPath } from '@rollcall/agent';
import { parse as parseIni } from 'ini';
import plist from 'plist';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const agentPackage = JSON.parse(read('packages/agent/package.json')) as { bin: Record<string, string>; nodeFlags: string[] };
// The service files run the bundle (installed in /usr/local/lib/rollcall-agent, or ProgramFiles on
// Windows) with the agent's Node flags, the ones its shebang has too.
const { nodeFlags } = agentPackage;
const agentBin = Object.keys(agentPackage.bin)[0]!;
const BUNDLE = `/usr/local/lib/${agentBin}/${agentBin}.mjs`;
// The agent's own default on Linux and macOS, where these tests run.
const CONFIG = defaultConfigPath();

describe('deploy/agent', () => {
  it('runs the agent with --jitless (issue 4: the daemon\'s memory)', () => {
    expect(nodeFlags).toContain('--jitless');
  });

  it('systemd unit runs the agent bundle with its Node flags and its config, hardened', () => {
    const unit = parseIni(read('deploy/agent/rollcall-agent.service'));
    const service = unit.Service as Record<string, string>;
    expect(service.ExecStart).toBe(['/usr/bin/env', 'node', ...nodeFlags, BUNDLE, 'run', '--config', CONFIG].join(' '));
    expect(service.DynamicUser).toBe('yes');
    expect(service.ProtectSystem).toBe('strict');
    expect(service.StateDirectory).toBe('rollcall-agent');
    expect(service.Environment).toBe('ROLLCALL_AGENT_STATE_DIR=%S/rollcall-agent');
    expect(service.NoNewPrivileges).toBe('yes');
    expect(service.MemoryDenyWriteExecute).toBeUndefined(); // V8 needs W+X pages if ever run without --jitless
    expect((unit.Install as Record<string, string>).WantedBy).toBe('multi-user.target');
  });

  it('launchd plist runs the agent bundle with its Node flags and its config, and keeps it alive', () => {
    const daemon = plist.parse(read('deploy/agent/com.rollcall.agent.plist')) as Record<string, unknown>;
    expect(daemon.Label).toBe('com.rollcall.agent');
    expect(daemon.ProgramArguments).toEqual(['/usr/bin/env', 'node', ...nodeFlags, BUNDLE, 'run', '--config', CONFIG]);
    expect((daemon.EnvironmentVariables as Record<string, string>).PATH).toContain('/usr/local/bin'); // where Node's installer puts node
    expect(daemon.KeepAlive).toBe(true);
    expect(daemon.RunAtLoad).toBe(true);
    expect((daemon.EnvironmentVariables as Record<string, string>).ROLLCALL_AGENT_STATE_DIR).toMatch(/rollcall-agent$/);
  });

  it('Windows installer registers node with the agent bundle, its Node flags and its config under ProgramData', () => {
    const script = read('deploy/agent/install-windows.ps1');
    expect(script).toContain(`"$env:ProgramFiles\\rollcall\\${agentBin}.mjs"`);
    expect(script).toMatch(/Join-Path \$configDir 'agent\.json'/);
    expect(script).toMatch(/Join-Path \$env:ProgramData 'rollcall'/);
    expect(script).toContain(`-Execute $Node -Argument "${nodeFlags.join(' ')} \`"$AgentScript\`" run --config \`"$configPath\`""`);
    expect(script).toMatch(/Register-ScheduledTask -TaskName 'rollcall-agent'/);
    expect(script).toMatch(/-RestartCount \d+/);
  });
});
