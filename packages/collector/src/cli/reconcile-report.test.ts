import { Writable } from 'node:stream';
import { reconcile, type AssetIdentity, type Observation } from '@rollcall/core';
import { describe, expect, it } from 'vitest';
import type { ReconciliationReport } from '../services/reconciliation.ts';
import { writeReport } from './reconcile-report.ts';

const AS_OF = new Date('2026-11-01T00:00:00Z');

/** A real engine report: `n` deployed assets, every third one seen by its agent (reasons with → and quotes-free text). */
function report(n: number): ReconciliationReport {
  const assets: AssetIdentity[] = Array.from({ length: n }, (_, i) => ({ assetTag: `A${i}`, name: `host-${i}`, serial: `SN${1000 + i}`, smbiosUuid: null, macs: [], status: 'deployed' }));
  const observations: Observation[] = assets
    .filter((_, i) => i % 3 === 0)
    .map((a) => ({ source: `agent:${a.assetTag}`, seenAt: new Date(AS_OF.getTime() - 86_400_000), hostname: `${a.name}.corp.example`, serial: a.serial, uuid: null, macs: [], ips: ['10.0.0.1'], vendor: 'Dell "Latitude"', model: null }));
  const result = reconcile(assets, observations, { asOf: AS_OF, ghostAfterDays: 30 });
  // A0's finding is new since run 6, which had a ghost that is gone.
  const findings = result.findings.map((f) => ({ ...f, appeared: f.assetTag === 'A0' }));
  return { ...result, findings, runId: 7, changes: { sinceRunId: 6, sinceRanAt: AS_OF.toISOString(), sinceAsOf: AS_OF.toISOString(), appeared: 1, resolved: 1, appearedFindings: ['matched|A0|serial:SN1000'], resolvedFindings: ['ghost|A9|'] } };
}

/** A sink that accepts little at a time, so the writer must wait for 'drain'. */
function sink(): { out: Writable; text: () => string; drains: () => number } {
  const chunks: string[] = [];
  let drains = 0;
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      setImmediate(done);
    },
  });
  out.on('drain', () => drains++);
  return { out, text: () => chunks.join(''), drains: () => drains };
}

describe('writeReport --format json', () => {
  it('writes the same report JSON.stringify would, one finding a line, waiting for the stream to drain', async () => {
    const full = report(3000);
    const { out, text, drains } = sink();
    await writeReport(full, 'json', out);
    await new Promise<void>((resolve) => out.end(resolve));
    expect(JSON.parse(text())).toEqual(JSON.parse(JSON.stringify(full)));
    expect(text().split('\n').filter((line) => line.startsWith('    {"kind":'))).toHaveLength(full.findings.length);
    expect(full.findings.length).toBeGreaterThan(2000); // several pieces of 1,000
    expect(drains()).toBeGreaterThan(0);
  });

  it('writes valid JSON for a report without findings', async () => {
    const empty = { ...report(0), changes: null };
    const { out, text } = sink();
    await writeReport(empty, 'json', out);
    await new Promise<void>((resolve) => out.end(resolve));
    expect(JSON.parse(text())).toEqual(JSON.parse(JSON.stringify(empty)));
  });
});

describe('writeReport --format table', () => {
  it('puts each finding on a line of facts with its reasons below, in a table that fits 111 columns', async () => {
    const { out, text } = sink();
    await writeReport(report(3), 'table', out);
    await new Promise<void>((resolve) => out.end(resolve));
    const lines = text().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^As of 2026-11-01T00:00:00.000Z, window 30 days: matched 1, ghost 2,/);
    const table = lines.slice(3);
    expect(Math.max(...table.map((line) => line.length))).toBeLessThanOrEqual(111);
    // A0 was seen by its agent: its facts, then its reasons spanning the row.
    expect(lines[1]).toBe('Since run #6 (as of 2026-11-01T00:00:00.000Z, ran 2026-11-01T00:00:00.000Z): 1 new finding (marked new), 1 resolved');
    expect(lines[2]).toBe('  resolved: ghost A9');
    const facts = table.findIndex((line) => /^│ matched +│ A0 +│ serial:SN1000 +│ serial +│ 2026-10-31 00:00 +│ Dell "Latitude" +│$/.test(line));
    expect(facts).toBeGreaterThan(0);
    expect(table[facts + 1]).toMatch(/^│ new +│/);
    expect(table.slice(facts + 1, facts + 5).join('\n')).toMatch(/│ • serial SN1000 matches asset A0 \(confidence 1\.0\)/);
    expect(table.filter((line) => /^│ new +│/.test(line))).toHaveLength(1); // the ghosts were there before
    expect(table.filter((line) => line.includes('• asset A1 is deployed but no source has ever seen it'))).toHaveLength(1);
  });
});

describe('writeReport --format table, large and long', () => {
  it('writes the table of 100,000 findings, every finding once, every line within 111 columns', async () => {
    const big = report(100_000);
    const { out, text } = sink();
    await writeReport(big, 'table', out);
    await new Promise<void>((resolve) => out.end(resolve));
    const lines = text().trimEnd().split('\n');
    expect(lines.filter((line) => /^│ (matched|ghost) +│ A\d+ +│/.test(line))).toHaveLength(100_000);
    expect(lines.filter((line) => line.startsWith('│ • '))).toHaveLength(big.findings.reduce((n, f) => n + f.reasons.length, 0));
    expect(lines.filter((line) => /^│ new +│/.test(line))).toHaveLength(1);
    expect(lines.at(-1)).toBe(`└${'─'.repeat(109)}┘`);
    expect(lines.filter((line) => /^[┌│├└]/.test(line)).every((line) => line.length <= 111)).toBe(true);
  });

  it('wraps long cells within their columns and long reasons under their bullet', async () => {
    const base = report(1);
    const finding = {
      ...base.findings[0]!,
      kind: 'shadow' as const,
      assetTag: null,
      assetTags: [],
      deviceId: 'uuid:4c4c4544-0042-3510-8052-b4c04f564e32',
      matchedBy: null,
      vendor: 'locally administered (randomised or virtual)',
      appeared: true,
      reasons: ['seen by snmp:core-sw, snmp:branch-router and agent:7f3e2a10-5b7c-4e7e-9d7a-0c2f1e9b8a77 on switch port core-sw Gi1/0/17 (VLAN 20), within 30 days'],
    };
    const { out, text } = sink();
    await writeReport({ ...base, findings: [finding] }, 'table', out);
    await new Promise<void>((resolve) => out.end(resolve));
    const lines = text().trimEnd().split('\n');
    const at = lines.findIndex((line) => line.startsWith('│ shadow '));
    expect(lines.slice(at, at + 7)).toEqual([
      '│ shadow    │                │ uuid:4c4c4544-0042-3510-80 │          │ 2026-10-31 00:00 │ locally             │',
      '│ new       │                │ 52-b4c04f564e32            │          │                  │ administered        │',
      '│           │                │                            │          │                  │ (randomised or      │',
      '│           │                │                            │          │                  │ virtual)            │',
      '├───────────┴────────────────┴────────────────────────────┴──────────┴──────────────────┴─────────────────────┤',
      '│ • seen by snmp:core-sw, snmp:branch-router and agent:7f3e2a10-5b7c-4e7e-9d7a-0c2f1e9b8a77 on switch port    │',
      '│   core-sw Gi1/0/17 (VLAN 20), within 30 days                                                                │',
    ]);
    expect(lines[at + 7]).toBe(`└${'─'.repeat(109)}┘`);
  });

  it('writes the table in pieces, waiting for the stream to drain', async () => {
    const full = report(3000);
    const { out, text, drains } = sink();
    const writes: number[] = [];
    const write = out.write.bind(out);
    out.write = ((chunk: Buffer) => (writes.push(chunk.length), write(chunk))) as typeof out.write;
    await writeReport(full, 'table', out);
    await new Promise<void>((resolve) => out.end(resolve));
    expect(writes.length).toBeGreaterThan(5);
    expect(drains()).toBeGreaterThan(0);
    expect(text().split('\n').filter((line) => /^│ (matched|ghost) +│/.test(line))).toHaveLength(3000);
  });
});

describe('writeReport --format csv', () => {
  it('neutralises a hostile hostname a sighting brought in, and streams its rows', async () => {
    const hostile = '=HYPERLINK("evil","y")'; // kept as a hostname: no dot or colon in it
    const observation: Observation = { source: 'import:dhcp', seenAt: new Date(AS_OF.getTime() - 86_400_000), hostname: hostile, serial: null, uuid: null, macs: [], ips: ['10.0.0.9'], vendor: '+cmd|\' /C calc\'!A0', model: null };
    const result = reconcile([], [observation], { asOf: AS_OF, ghostAfterDays: 30 });
    const findings = result.findings.map((f) => ({ ...f, appeared: null }));
    const { out, text } = sink();
    await writeReport({ ...result, findings, runId: null, changes: null }, 'csv', out);
    await new Promise<void>((resolve) => out.end(resolve));
    const [header, row] = text().split('\n');
    expect(header!.split(',')[13]).toBe('hostnames');
    expect(row).toContain(`,'+cmd|' /C calc'!A0,`); // vendor
    expect(row).toContain(`,"'=hyperlink(""evil"",""y"")",`); // hostnames, as the engine lower-cases them
    expect(row).not.toMatch(/(^|,)"?[=+@-]/);
  });
});
