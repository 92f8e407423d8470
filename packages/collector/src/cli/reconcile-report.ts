import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { FINDING_KINDS, type Finding } from '@rollcall/core';
import { stringify } from 'csv-stringify/sync';
import Table from 'cli-table3';
import type { ReconciliationReport, ReportedFinding } from '../services/reconciliation.ts';
import type { OutputFormat } from './output.ts';

const CSV_COLUMNS: [string, (f: ReportedFinding) => unknown][] = [
  ['kind', (f) => f.kind],
  ['assetTag', (f) => f.assetTag],
  ['assetTags', (f) => f.assetTags.join(' ')],
  ['status', (f) => f.status],
  ['deviceId', (f) => f.deviceId],
  ['matchedBy', (f) => f.matchedBy],
  ['confidence', (f) => f.confidence],
  ['firstSeen', (f) => f.firstSeen],
  ['lastSeen', (f) => f.lastSeen],
  ['vendor', (f) => f.vendor],
  ['serials', (f) => f.identity.serials.join(' ')],
  ['uuids', (f) => f.identity.uuids.join(' ')],
  ['macs', (f) => f.identity.macs.join(' ')],
  ['hostnames', (f) => f.identity.hostnames.join(' ')],
  ['ips', (f) => f.identity.ips.join(' ')],
  ['sources', (f) => f.sources.join(' ')],
  ['randomizedMac', (f) => String(f.randomizedMac)], // true/false: csv-stringify writes 1 and an empty cell
  ['reasons', (f) => f.reasons.join(' | ')],
  ['appeared', (f) => (f.appeared === null ? '' : String(f.appeared))], // last: new columns go at the end, for scripts that count
];

/**
 * Writes the report to `out`. JSON goes out in pieces, one finding a line: a report of 100,000
 * findings is 100+ MB as one pretty-printed string, which cost seconds to build, encode and collect.
 */
export async function writeReport(report: ReconciliationReport, format: OutputFormat, out: Writable): Promise<void> {
  if (format !== 'json') {
    out.write(renderReport(report, format));
    return;
  }
  const { findings, ...head } = report;
  const top = JSON.stringify(head, null, 2);
  out.write(`${top.slice(0, top.lastIndexOf('\n}'))},\n  "findings": [\n`);
  const PER_WRITE = 1000;
  for (let i = 0; i < findings.length; i += PER_WRITE) {
    const last = i + PER_WRITE >= findings.length;
    const piece = findings.slice(i, i + PER_WRITE).map((f) => `    ${JSON.stringify(f)}`).join(',\n') + (last ? '\n' : ',\n');
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.write('  ]\n}\n');
}

const RESOLVED_SHOWN = 10;

/** The report as a table or CSV (JSON is streamed by writeReport). */
function renderReport(report: ReconciliationReport, format: Exclude<OutputFormat, 'json'>): string {
  if (format === 'csv') return stringify([CSV_COLUMNS.map(([h]) => h), ...report.findings.map((f) => CSV_COLUMNS.map(([, v]) => v(f) ?? ''))]);
  const counts = FINDING_KINDS.map((k) => `${k} ${report.summary[k]}`).join(', ');
  const lines = [`As of ${report.asOf}, window ${report.ghostAfterDays} days: ${counts}`];
  if (report.changes) {
    const { sinceRunId, sinceAsOf, sinceRanAt, appeared, resolved, resolvedFindings } = report.changes;
    lines.push(`Since run #${sinceRunId} (as of ${sinceAsOf}, ran ${sinceRanAt}): ${appeared} new ${appeared === 1 ? 'finding' : 'findings'}${appeared > 0 ? ' (marked new)' : ''}, ${resolved} resolved`);
    // Resolved findings are in no row below: name a few (kind, asset, device).
    const shown = resolvedFindings.slice(0, RESOLVED_SHOWN).map((key) => key.split('|').filter(Boolean).join(' '));
    if (shown.length > 0) lines.push(`  resolved: ${shown.join('; ')}${resolved > shown.length ? `; and ${resolved - shown.length} more (--format json lists up to 1,000)` : ''}`);
  } else {
    lines.push(`No recorded run as of ${report.asOf} or earlier to compare with: nothing is marked new (--record records one; \`rollcall serve\` records one hourly)`);
  }
  if (report.runId !== null) lines.push(`Recorded as run #${report.runId}: later reports and --new compare with it.`);
  if (report.findings.length === 0) return lines.join('\n') + '\nNo findings to show.\n';
  // Each finding's facts on one line, its reasons on the full width below them: the table fits a
  // 110-column terminal, where a reasons column beside the facts needed 180.
  const table = new Table({
    head: ['Kind', 'Asset', 'Device', 'By', 'Last seen (UTC)', 'Vendor'],
    style: { head: [], border: [] },
    colWidths: [11, 16, 28, 10, 18, 21],
    wordWrap: true,
  });
  const order = (f: Finding) => FINDING_KINDS.indexOf(f.kind);
  const sorted = [...report.findings].sort((a, b) => order(a) - order(b) || (a.assetTag ?? a.deviceId ?? '').localeCompare(b.assetTag ?? b.deviceId ?? ''));
  for (const f of sorted) {
    table.push([f.appeared ? `${f.kind}\nnew` : f.kind, f.assetTags.join(', '), f.deviceId ?? '', f.matchedBy ?? '', f.lastSeen?.slice(0, 16).replace('T', ' ') ?? 'never', f.vendor ?? '']);
    table.push([{ colSpan: 6, content: f.reasons.map((r) => `• ${r}`).join('\n') }]);
  }
  return `${lines.join('\n')}\n${table.toString()}\n`;
}
