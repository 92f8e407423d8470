import { basename } from 'node:path';
import type { Observation } from '@rollcall/core';
import { nothingImported, RollcallError } from '../errors.ts';
import type { Spelling } from '../spelling.ts';
import { parseObservationsJsonl } from '../observations/jsonl.ts';
import { parseNmapXml } from '../observations/nmap.ts';
import type { TextInput } from '../register/text-chunks.ts';
import type { Stores } from '../store/index.ts';
import type { ObservationFilter, StoredObservation } from '../store/observations.ts';

export type ObservationFormat = 'jsonl' | 'nmap';

export interface ImportObservationsOptions {
  format: ObservationFormat;
  /** For nmap: the observation source; default `import:nmap:<file name>`. */
  source?: string;
  /** File name, for the default source. */
  fileName?: string;
  skipBad?: boolean;
  onProgress?: (linesRead: number) => void;
  /** How the caller names its parameters in messages (default: the CLI's flags). */
  spell?: Spelling;
}

export interface ImportObservationsReport {
  imported: number;
  skipped: number;
  hostsDown?: number;
  errors: { line: number; reason: string }[];
}

/** A stored sighting as the API and the CLI show it. */
export type ObservationJson = Omit<StoredObservation, 'seenAt' | 'recordedAt' | 'switchPort' | 'firstSeenAt' | 'extra'> & { seenAt: string; recordedAt: string; switchPort: string | null };

/** Imports sightings from files users already have: JSON lines, or an nmap XML scan; lists them. */
export class ObservationService {
  constructor(private readonly stores: Pick<Stores, 'observations'>) {}

  /** Stored sightings, newest first: why a device is what reconciliation says it is. */
  list(filter: ObservationFilter, page: { limit: number; offset: number }): Promise<ObservationJson[]> {
    return this.stores.observations.search(filter, page).then((rows) => rows.map(({ seenAt, recordedAt, switchPort, ...rest }) => ({ ...rest, seenAt: seenAt.toISOString(), recordedAt: recordedAt.toISOString(), switchPort: switchPort ?? null })));
  }

  async import(input: TextInput, options: ImportObservationsOptions): Promise<ImportObservationsReport> {
    let observations: Observation[];
    let errors: ImportObservationsReport['errors'] = [];
    let hostsDown: number | undefined;
    if (options.format === 'nmap') {
      const source = options.source ?? `import:nmap:${options.fileName ? basename(options.fileName) : 'scan'}`;
      ({ observations, hostsDown } = parseNmapXml(await readAll(input), { source }));
    } else {
      const parsed = await parseObservationsJsonl(input, { onProgress: options.onProgress });
      errors = parsed.errors.map((e) => ({ line: e.line, reason: `line ${e.line}: ${e.reason}` }));
      observations = parsed.observations.map(({ line: _line, ...o }) => o);
    }
    if (errors.length > 0 && !options.skipBad) {
      throw new RollcallError(
        'BAD_INPUT',
        nothingImported(errors.length, observations.length, 'line', options.spell),
        { details: { errors } },
      );
    }
    await this.stores.observations.insertMany(observations, new Date());
    return { imported: observations.length, skipped: errors.length, errors, ...(hostsDown === undefined ? {} : { hostsDown }) };
  }
}

async function readAll(input: TextInput): Promise<string> {
  if (typeof input === 'string') return input;
  if (Buffer.isBuffer(input)) return input.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of input as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
