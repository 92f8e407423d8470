import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Only metrics may be dropped when the spool is full; inventories and discovery results never are. */
export type SpoolKind = 'inventory' | 'metrics' | 'discovery';

export interface SpoolEntry {
  seq: number;
  kind: SpoolKind;
  bytes: Uint8Array;
}

const NAME = /^(\d{16})\.(inventory|metrics|discovery)\.frame$/;

/**
 * Frames on disk until the collector acks them: written (temp file + rename, so never half) before
 * they are sent, deleted once acked. A crash loses nothing unacked; a frame acked just before a
 * crash may be sent once more, and the collector ignores sequence numbers it already committed.
 * Bounded in size: past the limit the oldest metrics go first; inventories are never dropped.
 */
export class Spool {
  private entries: { seq: number; kind: SpoolKind; size: number }[];

  constructor(
    private readonly dir: string,
    private readonly maxBytes = 50 * 1024 * 1024,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.entries = readdirSync(dir)
      .map((name) => ({ name, match: NAME.exec(name) }))
      .filter((e) => e.match)
      .map((e) => ({ seq: Number(e.match![1]), kind: e.match![2] as SpoolKind, size: statSync(join(dir, e.name)).size }))
      .sort((a, b) => a.seq - b.seq);
  }

  add(seq: number, kind: SpoolKind, bytes: Uint8Array): { dropped: number } {
    const file = this.file(seq, kind);
    writeFileSync(`${file}.tmp`, bytes);
    renameSync(`${file}.tmp`, file);
    this.entries.push({ seq, kind, size: bytes.byteLength });
    return { dropped: this.enforceLimit() };
  }

  /** The oldest unacked frame, read from disk. */
  oldest(): SpoolEntry | undefined {
    const e = this.entries[0];
    return e && { seq: e.seq, kind: e.kind, bytes: readFileSync(this.file(e.seq, e.kind)) };
  }

  /** Unacked frames, oldest first. */
  pending(): SpoolEntry[] {
    return this.entries.map((e) => ({ seq: e.seq, kind: e.kind, bytes: readFileSync(this.file(e.seq, e.kind)) }));
  }

  get size(): number {
    return this.entries.length;
  }

  get bytes(): number {
    return this.entries.reduce((sum, e) => sum + e.size, 0);
  }

  /** The collector committed everything up to `seq`. */
  ack(seq: number): void {
    const [done, rest] = partition(this.entries, (e) => e.seq <= seq);
    for (const e of done) rmSync(this.file(e.seq, e.kind), { force: true });
    this.entries = rest;
  }

  private enforceLimit(): number {
    let dropped = 0;
    while (this.bytes > this.maxBytes) {
      const oldestMetrics = this.entries.find((e) => e.kind === 'metrics');
      if (!oldestMetrics) break;
      rmSync(this.file(oldestMetrics.seq, oldestMetrics.kind), { force: true });
      this.entries = this.entries.filter((e) => e !== oldestMetrics);
      dropped++;
    }
    return dropped;
  }

  private file(seq: number, kind: SpoolKind): string {
    return join(this.dir, `${String(seq).padStart(16, '0')}.${kind}.frame`);
  }
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
