import { readFileSync } from 'node:fs';
import { meteredTooBriefly, meteredTooBrieflyReason, meterSoftware, type ProcessRule, DEFAULT_PROCESS_RULES, type SoftwareDevice, type SoftwareTitleUsage } from '@rollcall/core';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';
import type { Stores } from '../store/index.ts';
import type { InstalledPackage } from '../store/inventories.ts';

export interface SoftwareRequest {
  asOf: Date;
  /** A title installed on a device and not run there for this many days is unused there. */
  unusedDays: number;
  /** Extra executable → title rules, added to the built-in ones. */
  rules?: ProcessRule[];
  /** Meter libraries, fonts, docs and kernels too (by their package section); left out by default. */
  includeLibraries?: boolean;
}

export interface SoftwareReport {
  asOf: string;
  unusedDays: number;
  devices: number;
  /** Devices metered for less than `unusedDays`: nothing is called unused on them yet. */
  meteredTooBriefly: number;
  /** Why nothing is called unused on those, with when their metering began; null when there are none. */
  meteredTooBrieflyReason: string | null;
  /** Titles left out as libraries and other components (all of them, with `includeLibraries`: 0). */
  librariesLeftOut: number;
  titles: SoftwareTitleUsage[];
}

/** A page of installs of the packages named like `name`; `total` counts every one. */
export interface InstallsPage {
  name: string;
  total: number;
  limit: number;
  offset: number;
  installs: InstalledPackage[];
}

const DAY_MS = 86_400_000;

const RulesFile = z.array(z.object({ process: z.string().min(1), title: z.string().min(1) }).strict());

/** `[{"process": "ccad64", "title": "Contoso CAD Suite"}]`: executables named unlike their title. */
export function readRulesFile(path: string): ProcessRule[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new RollcallError('BAD_INPUT', `cannot read the rules file ${path}: ${(cause as Error).message}`, { cause });
  }
  const parsed = RulesFile.safeParse(json);
  if (!parsed.success) throw new RollcallError('BAD_INPUT', `the rules file ${path} must be a list of {"process": "…", "title": "…"}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Software metering over the agents' latest inventories and the process names in their usage reports. */
export class SoftwareService {
  constructor(private readonly stores: Pick<Stores, 'agents' | 'inventories' | 'rollups'>) {}

  /** Installs of packages whose name contains `name`, on every device (latest inventories). */
  async findInstalled(name: string, page: { limit: number; offset: number }): Promise<InstallsPage> {
    const wanted = name.trim();
    if (!wanted) throw new RollcallError('BAD_INPUT', 'name part of a package name to look for, e.g. openssl');
    return { name: wanted, ...page, ...(await this.stores.inventories.findInstalled(wanted, page)) };
  }

  async report(request: SoftwareRequest): Promise<SoftwareReport> {
    const since = new Date(request.asOf.getTime() - Math.max(90, request.unusedDays) * DAY_MS);
    const [agents, installedBy, ran] = await Promise.all([
      this.stores.agents.list(),
      this.stores.inventories.latestSoftware(),
      // Whole days from the daily roll-ups: a process seen on a day that overlaps a window counts in it.
      this.stores.rollups.processRuns(since.getTime(), request.asOf.getTime()),
    ]);
    const runs = new Map<string, SoftwareDevice['ran'][number][]>();
    for (const r of ran) {
      const list = runs.get(r.agentId);
      if (list) list.push({ atMs: r.atMs, processes: r.processes });
      else runs.set(r.agentId, [{ atMs: r.atMs, processes: r.processes }]);
    }
    const devices: SoftwareDevice[] = [];
    for (const agent of agents) {
      const installed = installedBy.get(agent.id);
      if (!installed) continue;
      const ran = runs.get(agent.id) ?? [];
      // Usage spooled before the agent first connected counts too: from the end of its earliest
      // day (when the day began is unknown, and an early start would call titles unused too soon).
      const meteredFromMs = ran.reduce((from, r) => Math.min(from, r.atMs), agent.firstSeen.getTime());
      devices.push({ agentId: agent.id, meteredFromMs, installed, ran });
    }
    const window = { asOfMs: request.asOf.getTime(), unusedDays: request.unusedDays };
    const titles = meterSoftware(devices, { ...window, rules: [...DEFAULT_PROCESS_RULES, ...(request.rules ?? [])] });
    const shown = request.includeLibraries ? titles : titles.filter((t) => !t.library);
    return {
      asOf: request.asOf.toISOString(),
      unusedDays: request.unusedDays,
      devices: devices.length,
      meteredTooBriefly: devices.filter((d) => meteredTooBriefly(d, window)).length,
      meteredTooBrieflyReason: meteredTooBrieflyReason(devices, window),
      librariesLeftOut: titles.length - shown.length,
      titles: shown,
    };
  }
}
