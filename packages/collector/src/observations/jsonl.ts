import { isIP } from 'node:net';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { normalizeMac, normalizeUuid, type Observation } from '@rollcall/core';
import { DATE_RANGE, isDateInRange, MAX_IDENTIFIER_LENGTH } from '../limits.ts';
import { describeUnstorable, findUnstorableText } from '../storable-text.ts';

export interface ParsedObservations {
  observations: Array<Observation & { line: number }>;
  /** `reason` names the field (`seenAt: expected an ISO-8601 date-time`); show it as `line N: reason`. */
  errors: Array<{ line: number; reason: string }>;
}

const PROGRESS_EVERY = 1000;

/** Trimmed text; missing, null and blank all become null. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value == null || value.trim() === '' ? null : value.trim()));

/** A list of identifiers, each normalised by `normalise` (null = invalid), de-duplicated. */
const identifierList = (what: string, normalise: (raw: string) => string | null) =>
  z
    .array(
      z.string().transform((raw, context) => {
        const value = normalise(raw);
        if (value === null) context.issues.push({ code: 'custom', message: `invalid ${what} "${raw}"`, input: raw });
        return value ?? '';
      }),
    )
    .nullish()
    .transform((values) => [...new Set(values ?? [])]);

const ObservationLine = z.strictObject({
  source: z
    .string()
    .trim()
    .min(1, 'expected a non-empty string such as "import:NAME"')
    .max(MAX_IDENTIFIER_LENGTH, `expected at most ${MAX_IDENTIFIER_LENGTH} characters`),
  // RFC 3339 profile of ISO-8601: date, `T`, time with seconds, and `Z` or `±HH:MM`.
  seenAt: z.iso
    .datetime({ offset: true, error: (issue) => (issue.input === undefined ? 'required' : 'expected an ISO-8601 date-time') })
    .transform((text) => new Date(text))
    .refine(isDateInRange, `expected a date ${DATE_RANGE}`),
  hostname: optionalText,
  serial: optionalText,
  uuid: optionalText.transform((raw, context) => {
    if (raw === null) return null;
    const uuid = normalizeUuid(raw);
    if (uuid === null) context.issues.push({ code: 'custom', message: `invalid UUID "${raw}"`, input: raw });
    return uuid;
  }),
  macs: identifierList('MAC', normalizeMac),
  ips: identifierList('IP address', (raw) => (isIP(raw.trim()) === 0 ? null : raw.trim().toLowerCase())),
  vendor: optionalText,
  model: optionalText,
  extra: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Reads observations, one JSON object per line. Blank lines are skipped; every other line
 * becomes an observation or an error naming its line and field. Never throws for a bad line.
 */
export async function parseObservationsJsonl(
  input: string | Buffer | NodeJS.ReadableStream,
  options: { onProgress?: (linesRead: number) => void } = {},
): Promise<ParsedObservations> {
  const observations: Array<Observation & { line: number }> = [];
  const errors: Array<{ line: number; reason: string }> = [];
  let line = 0;
  for await (const text of lines(input)) {
    if (++line % PROGRESS_EVERY === 0) options.onProgress?.(line);
    const json = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (json === '') continue;
    const result = parseObservation(json);
    if (result.ok) observations.push({ ...result.observation, line });
    else errors.push({ line, reason: result.reason });
  }
  options.onProgress?.(line);
  return { observations, errors };
}

type LineResult = { ok: true; observation: Observation } | { ok: false; reason: string };

function parseObservation(json: string): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  const unstorable = findUnstorableText(value);
  if (unstorable) return { ok: false, reason: describeUnstorable(unstorable, 'the line') };
  const parsed = ObservationLine.safeParse(value);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map(describeIssue).join('; ') };
  const { extra, ...fields } = parsed.data;
  const identified = fields.hostname ?? fields.serial ?? fields.uuid ?? fields.macs[0] ?? fields.ips[0];
  if (identified === undefined || identified === null) {
    return { ok: false, reason: 'nothing identifies the machine: give at least one of hostname, serial, uuid, macs, ips' };
  }
  return { ok: true, observation: extra === undefined ? fields : { ...fields, extra } };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `unknown field "${key}" (put additional data under "extra")`).join('; ');
  }
  if (issue.path.length === 0) return issue.message.replace(/^Invalid input: expected object/, 'expected a JSON object');
  // `macs[1]`, `extra.os`
  const path = issue.path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
  const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  return `${path}: ${missing ? 'required' : issue.message}`;
}

/** The input's lines, without their line breaks (`\n` or `\r\n`). */
async function* lines(input: string | Buffer | NodeJS.ReadableStream): AsyncGenerator<string> {
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const all = (typeof input === 'string' ? input : input.toString('utf8')).split(/\r?\n/);
    if (all.at(-1) === '') all.pop(); // the final line break ends the last line, it starts none
    yield* all;
    return;
  }
  yield* createInterface({ input, crlfDelay: Infinity });
}
