import { Gauge, Registry } from 'prom-client';
import { Hono } from 'hono';
import { FINDING_KINDS } from '@rollcall/core';
import type { AgentHub } from '../agents/hub.ts';
import type { Services } from '../services/index.ts';
import type { UtilizationReport } from '../services/utilization.ts';

/** Fleet figures are recomputed at most this often, however often Prometheus scrapes. */
const UTILIZATION_TTL_MS = 5 * 60_000;

/**
 * Prometheus text exposition at /metrics: fleet-level gauges only (agents, reporting devices,
 * findings by kind from the latest reconciliation, utilization percentiles, idle assets and
 * their cost), never one series per device.
 */
export function metricsRoutes(services: Services, hub: Pick<AgentHub, 'connectionCount'>) {
  const registry = new Registry();
  let cached: { at: number; report: Promise<UtilizationReport> } | undefined;
  const utilization = () => {
    if (!cached || Date.now() - cached.at > UTILIZATION_TTL_MS) {
      cached = { at: Date.now(), report: services.utilization.report({ asOf: new Date(), periodDays: 30, by: 'device' }) };
      cached.report.catch(() => (cached = undefined));
    }
    return cached.report;
  };

  new Gauge({ name: 'rollcall_agents_connected', help: 'Agents connected to this collector now.', registers: [registry], collect() { this.set(hub.connectionCount); } });
  new Gauge({ name: 'rollcall_agents_enrolled', help: 'Agents enrolled.', registers: [registry], async collect() { this.set((await services.agents.list()).length); } });
  new Gauge({
    name: 'rollcall_devices_reporting',
    help: 'Agents that reported usage in the last hour.',
    registers: [registry],
    async collect() {
      this.set(await services.agents.countReportingSince(new Date(Date.now() - 3_600_000)));
    },
  });
  new Gauge({
    name: 'rollcall_findings',
    help: 'Findings of the stored reconciliation run as of the latest moment up to now, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const summary = (await services.reconciliation.latestSummary()) ?? {};
      for (const kind of FINDING_KINDS) this.set({ kind }, summary[kind] ?? 0);
    },
  });
  new Gauge({
    name: 'rollcall_utilization_rate',
    help: 'Utilization rate of reporting devices over the last 30 days (in-use hours / working hours), as quantiles.',
    labelNames: ['quantile'],
    registers: [registry],
    async collect() {
      const rates = (await utilization()).devices.map((d) => d.utilizationRate).filter((r): r is number => r !== null).sort((a, b) => a - b);
      for (const q of [0.1, 0.5, 0.9]) if (rates.length) this.set({ quantile: String(q) }, rates[Math.max(0, Math.ceil(q * rates.length) - 1)]!);
    },
  });
  new Gauge({ name: 'rollcall_idle_assets', help: 'Deployed assets used less than 10 % of working hours over 30 days.', registers: [registry], async collect() { this.set((await utilization()).summary.idle); } });
  new Gauge({ name: 'rollcall_idle_cost', help: 'Book value of the idle assets.', registers: [registry], async collect() { this.set((await utilization()).summary.idleCost); } });

  return new Hono().get('/', async (c) => c.body(await registry.metrics(), 200, { 'content-type': registry.contentType }));
}
