import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { FINDING_KINDS } from '@rollcall/core';
import { csvRows, type CsvValue } from '../csv.ts';
import type { ReconciliationReport, ReportedFinding } from '../services/reconciliation.ts';
import type { OutputFormat } from './output.ts';
import { writeTable, type SizedColumn, type TableRow } from './table.ts';

const CSV_COLUMNS: [string, (f: ReportedFinding) => CsvValue][] = [
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
  ['randomizedMac', (f) => String(f.randomizedMac)], // true/false: a boolean cell would be 1 and empty
  ['reasons', (f) => f.reasons.join(' | ')],
  ['appeared', (f) => (f.appeared === null ? '' : String(f.appeared))], // last: new columns go at the end, for scripts that count
];

/**
 * Writes the report to `out`, in pieces, waiting for 'drain' when it is full: a report of 100,000
 * findings is 100+ MB of JSON as one pretty-printed string, which cost seconds to build, encode
 * and collect, and the table is written row by row in time linear in its length. JSON has one
 * finding a line.
 */
export async function writeReport(report: ReconciliationReport, format: OutputFormat, out: Writable): Promise<void> {
  if (format === 'table') return writeReportTable(report, out);
  if (format === 'csv') return writeReportCsv(report, out);
  const { findings, ...head } = report;
  const top = JSON.stringify(head, null, 2);
  out.write(`${top.slice(0, top.lastIndexOf('\n}'))},\n  "findings": [\n`);
  for (let i = 0; i < findings.length; i += PER_WRITE) {
    const last = i + PER_WRITE >= findings.length;
    const piece = findings.slice(i, i + PER_WRITE).map((f) => `    ${JSON.stringify(f)}`).join(',\n') + (last ? '\n' : ',\n');
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.write('  ]\n}\n');
}

const PER_WRITE = 1000;

async function writeReportCsv(report: ReconciliationReport, out: Writable): Promise<void> {
  out.write(csvRows([CSV_COLUMNS.map(([header]) => header)]));
  for (let i = 0; i < report.findings.length; i += PER_WRITE) {
    const rows = report.findings.slice(i, i + PER_WRITE).map((f) => CSV_COLUMNS.map(([, value]) => value(f)));
    if (!out.write(csvRows(rows))) await once(out, 'drain');
  }
}

const RESOLVED_SHOWN = 10;

// Each finding's facts on one line, its reasons on the full width below them: the table fits a
// 111-column terminal, where a reasons column beside the facts needed 180.
const TABLE_COLUMNS: SizedColumn[] = [
  { header: 'Kind', width: 9 },
  { header: 'Asset', width: 14 },
  { header: 'Device', width: 26 },
  { header: 'By', width: 8 },
  { header: 'Last seen (UTC)', width: 16 },
  { header: 'Vendor', width: 19 },
];

/** The summary, what changed since the previous run, and a table of the findings, most urgent kinds first. */
async function writeReportTable(report: ReconciliationReport, out: Writable): Promise<void> {
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
  if (report.findings.length === 0) lines.push('No findings to show.');
  out.write(lines.join('\n') + '\n');
  if (report.findings.length === 0) return;
  await writeTable(out, TABLE_COLUMNS, findingRows(byKindAndAsset(report.findings)));
}

/** Most urgent kinds first, then by asset (or device) in the order localeCompare gives. */
function byKindAndAsset(findings: readonly ReportedFinding[]): ReportedFinding[][] {
  const kinds = FINDING_KINDS.map((): ReportedFinding[] => []);
  for (const f of findings) kinds[FINDING_KINDS.indexOf(f.kind)]!.push(f);
  const collator = new Intl.Collator(); // localeCompare's order, without building a collator per comparison
  const key = (f: ReportedFinding) => f.assetTag ?? f.deviceId ?? '';
  for (const kind of kinds) kind.sort((a, b) => collator.compare(key(a), key(b)));
  return kinds;
}

function* findingRows(kinds: ReportedFinding[][]): Generator<TableRow> {
  for (const f of kinds.flat()) {
    const seen = f.lastSeen ? `${f.lastSeen.slice(0, 10)} ${f.lastSeen.slice(11, 16)}` : 'never';
    yield [f.appeared ? `${f.kind}\nnew` : f.kind, f.assetTags.join(', '), f.deviceId ?? '', f.matchedBy ?? '', seen, f.vendor ?? ''];
    yield { across: f.reasons, bullet: '• ' };
  }
}
