import cliProgress from 'cli-progress';

const LARGE_FILE = 1024 * 1024;

/**
 * A byte progress bar on stderr for large files on a terminal; a no-op otherwise (pipes, CI,
 * small files), so output stays clean where nobody watches it.
 */
export function progressBar(label: string, totalBytes: number): { update(bytes: number): void; stop(): void } {
  if (!process.stderr.isTTY || totalBytes < LARGE_FILE) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} MiB | ETA {eta}s`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const mib = (bytes: number) => Math.round((bytes / LARGE_FILE) * 10) / 10;
  bar.start(mib(totalBytes), 0);
  return { update: (bytes) => bar.update(mib(bytes)), stop: () => bar.stop() };
}

/** A count progress bar on stderr for long work on a terminal (sweeps); a no-op elsewhere. */
export function countBar(label: string, unit: string): { update(done: number, total: number, note?: string): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} ${unit} | {note} | ETA {eta}s`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total, note = '') => {
      if (!started) {
        bar.start(total, 0, { note });
        started = true;
      }
      bar.update(done, { note });
    },
    stop: () => started && bar.stop(),
  };
}
