// Writing a reconciliation report of 100,000 findings as a table, CSV and JSON, into a sink that
// takes everything at once (the engine and the database are not measured). Target: the table costs
// no more than the JSON (cli-table3 took 51 s for 10,000 rows and ran out of stack at 100,000).
// Run: node --import tsx bench/report-output.ts   (BENCH_FINDINGS=100000)
import { Writable } from 'node:stream';
import { FINDING_KINDS, type FindingKind } from '@rollcall/core';
import { writeReport } from '../src/cli/reconcile-report.ts';
import type { OutputFormat } from '../src/cli/output.ts';
import type { ReconciliationReport, ReportedFinding } from '../src/services/reconciliation.ts';

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 100_000);
const RUNS = 5;

/** Findings of every kind, with reasons as long as the engine writes, a few device ids too long for their column. */
function syntheticReport(n: number): ReconciliationReport {
  const findings: ReportedFinding[] = [];
  const summary = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  for (let i = 0; i < n; i++) {
    const kind = FINDING_KINDS[i % FINDING_KINDS.length]!;
    summary[kind]++;
    const tag = kind === 'shadow' ? null : `LAP-${String(i).padStart(6, '0')}`;
    const mac = `00:1b:21:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
    const deviceId = i % 10 === 0 ? `uuid:4c4c4544-0042-3510-8052-${String(i).padStart(12, '0')}` : `mac:${mac}`;
    findings.push({
      kind,
      assetTag: tag,
      assetTags: tag ? [tag] : [],
      deviceId,
      matchedBy: kind === 'matched' ? 'mac' : null,
      confidence: kind === 'matched' ? 0.8 : 0,
      lastSeen: '2026-10-31T09:15:00.000Z',
      firstSeen: '2026-09-01T08:00:00.000Z',
      sources: ['snmp:core-sw', `agent:${i}`],
      identity: { serials: [`SN${i}`], uuids: [], macs: [mac], hostnames: [`host-${i}.corp.example`], ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`], switchPorts: [] },
      vendor: i % 3 === 0 ? 'Intel Corporate' : 'locally administered (randomised or virtual)',
      status: tag ? 'deployed' : null,
      randomizedMac: false,
      reasons: [
        `MAC ${mac} matches asset ${tag ?? 'none'} (confidence 0.8); serial SN${i} is registered to no asset`,
        `seen 2026-10-31T09:15:00.000Z by snmp:core-sw and agent:${i}, within 30 days of 2026-11-01`,
      ],
      appeared: i % 100 === 0,
    });
  }
  const at = '2026-11-01T00:00:00.000Z';
  return { asOf: at, ghostAfterDays: 30, summary, findings, runId: 2, changes: { sinceRunId: 1, sinceRanAt: at, sinceAsOf: at, appeared: n / 100, resolved: 0, appearedFindings: [], resolvedFindings: [] } };
}

/** Takes every write at once and counts the bytes. */
function sink(): Writable & { bytes: number } {
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  out.bytes = 0;
  return out;
}

async function write(report: ReconciliationReport, format: OutputFormat): Promise<{ seconds: number; bytes: number }> {
  const out = sink();
  const started = performance.now();
  await writeReport(report, format, out);
  await new Promise<void>((resolve) => out.end(resolve));
  return { seconds: (performance.now() - started) / 1000, bytes: out.bytes };
}

const FORMATS: OutputFormat[] = ['table', 'csv', 'json'];
const report = syntheticReport(FINDINGS);
// One round untimed: whichever format goes first otherwise pays for compiling and growing the heap.
for (const format of FORMATS) await write(report, format);
const seconds: Record<OutputFormat, number[]> = { table: [], csv: [], json: [] };
const bytes: Record<OutputFormat, number> = { table: 0, csv: 0, json: 0 };
// The formats take turns, so that a busy machine slows each of them alike; a format's fastest run is its cost.
for (let r = 0; r < RUNS; r++) {
  for (const format of FORMATS) {
    const run = await write(report, format);
    seconds[format].push(run.seconds);
    bytes[format] = run.bytes;
  }
}
const best = (format: OutputFormat) => Math.min(...seconds[format]);
for (const format of FORMATS) {
  console.log(`${format.padEnd(5)} ${FINDINGS.toLocaleString('en')} findings: ${best(format).toFixed(2)} s (runs ${seconds[format].map((s) => s.toFixed(2)).join(', ')}); ${(bytes[format] / 2 ** 20).toFixed(1)} MiB`);
}
const ratio = best('table') / best('json');
console.log(`table / JSON: ${ratio.toFixed(2)} (target: at most 1.00, ${ratio <= 1 ? 'met' : 'NOT MET'})`);
