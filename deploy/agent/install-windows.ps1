<#
.SYNOPSIS
  Installs the rollcall agent on Windows: starts at boot as SYSTEM and is restarted if it stops.

.DESCRIPTION
  Node.js programs do not speak the Service Control Manager protocol, so a plain `sc.exe create`
  service would be killed after 30 s. Without a service wrapper (WinSW, NSSM), a startup task run
  as SYSTEM with restart-on-failure is the dependable way to keep the agent running.
  Copy packages/agent/dist (the bundle: rollcall-agent.mjs and chunks\) to $env:ProgramFiles\rollcall,
  then run in an elevated PowerShell:
    .\install-windows.ps1 -Server ws://COLLECTOR:8080/agent -Token TOKEN
  Uninstall: Unregister-ScheduledTask -TaskName rollcall-agent -Confirm:$false
#>
param(
  [Parameter(Mandatory = $true)][string]$Server,
  [string]$Token = '',
  [string]$AgentScript = "$env:ProgramFiles\rollcall\rollcall-agent.mjs",
  # Resolved now, from the installing admin's PATH: SYSTEM's PATH at boot may not have it.
  [string]$Node = (Get-Command node.exe -ErrorAction SilentlyContinue).Source
)
$ErrorActionPreference = 'Stop'
if (-not $Node) { throw 'node.exe not found: install Node.js 20 or later, or pass -Node C:\path\to\node.exe' }

$configDir = Join-Path $env:ProgramData 'rollcall'
$configPath = Join-Path $configDir 'agent.json'
$stateDir = Join-Path $env:ProgramData 'rollcall-agent'
New-Item -ItemType Directory -Force -Path $configDir, $stateDir | Out-Null

$config = @{ server = $Server; stateDir = $stateDir }
if ($Token) { $config.token = $Token }
$config | ConvertTo-Json | Set-Content -Encoding UTF8 -Path $configPath
# Only SYSTEM and Administrators may read the enrollment token.
icacls $configPath /inheritance:r /grant:r 'SYSTEM:(R)' 'Administrators:(F)' | Out-Null

# The agent's Node flags (packages/agent/package.json "nodeFlags", as in the Linux and macOS service
# files): no JIT compilers, and a V8 heap kept small (see packages/agent/scripts/build.mjs).
$action = New-ScheduledTaskAction -Execute $Node -Argument "--jitless --no-expose-wasm --optimize-for-size `"$AgentScript`" run --config `"$configPath`""
$trigger = New-ScheduledTaskTrigger -AtStartup
$principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
  -ExecutionTimeLimit ([TimeSpan]::Zero) -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -Priority 7
Register-ScheduledTask -TaskName 'rollcall-agent' -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force | Out-Null
Start-ScheduledTask -TaskName 'rollcall-agent'
Write-Host "rollcall-agent installed; config in $configPath"
