import { createReadStream, readFileSync, statSync } from 'node:fs';
import { RollcallError } from '../errors.ts';

/** The size of a file to import; a missing file or a directory is bad input naming it. */
export function fileSize(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch (cause) {
    throw new RollcallError('BAD_INPUT', `cannot read ${path}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}`, { cause });
  }
  if (stats.isDirectory()) throw new RollcallError('BAD_INPUT', `cannot read ${path}: it is a directory; name a file`);
  return stats.size;
}

/** A file to import as a stream; `onBytes` hears how much of it has been read. */
export function readStream(path: string, onBytes?: (bytes: number) => void) {
  fileSize(path);
  const stream = createReadStream(path);
  if (onBytes) {
    let read = 0;
    stream.on('data', (chunk) => onBytes((read += chunk.length)));
  }
  return stream;
}

/** A file to import, whole (to send to a server). */
export function readFile(path: string): Buffer {
  fileSize(path);
  return readFileSync(path);
}
