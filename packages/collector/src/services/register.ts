import { canonicalTimeZone, LIFECYCLE_STATUSES, makeAsset, normalizeMac, normalizeUuid, type Asset, type LifecycleStatus } from '@rollcall/core';
import { z } from 'zod';
import { nothingImported, RollcallError } from '../errors.ts';
import { MAX_IDENTIFIER_LENGTH, MAX_PURCHASE_COST, MAX_WARRANTY_MONTHS, PURCHASE_DATE_RANGE } from '../limits.ts';
import type { Spelling } from '../spelling.ts';
import { registerToCsv, registerToJson } from '../register/csv-export.ts';
import { parseRegisterCsv, type RegisterRowError } from '../register/csv-import.ts';
import type { TextInput } from '../register/text-chunks.ts';
import type { UpsertReport } from '../store/assets.ts';
import type { Stores } from '../store/index.ts';

export interface ImportRegisterOptions {
  fieldMap?: Record<string, string>;
  statusMap?: Record<string, LifecycleStatus>;
  /** Import the good rows even if some are bad (they are still reported). */
  skipBad?: boolean;
  onProgress?: (rowsRead: number) => void;
  /** How the caller names its parameters in messages (default: the CLI's flags). */
  spell?: Spelling;
}

export interface ImportRegisterReport extends UpsertReport {
  rows: number;
  skipped: number;
  errors: RegisterRowError[];
  unknownColumns: string[];
}

const nullableText = z.string().trim().transform((s) => (s === '' ? null : s)).nullable().optional();
const macList = z
  .array(z.string())
  .transform((list, ctx) => {
    const macs: string[] = [];
    for (const raw of list) {
      const mac = normalizeMac(raw);
      if (!mac) ctx.addIssue({ code: 'custom', message: `invalid MAC "${raw}"` });
      else if (!macs.includes(mac)) macs.push(mac);
    }
    return macs;
  });

/** Optional text in its canonical form (blank is null); `problem` names a value that has none. */
const normalizedText = (normalize: (value: string) => string | null, problem: (value: string) => string) =>
  z
    .string()
    .nullable()
    .optional()
    .transform((value, ctx) => {
      if (value == null || value.trim() === '') return null;
      const normal = normalize(value);
      if (!normal) ctx.addIssue({ code: 'custom', message: problem(value) });
      return normal;
    });

/** An asset as the API accepts it (POST; PATCH takes the same fields, all optional). */
export const AssetInput = z.object({
  assetTag: z.string().trim().min(1, 'assetTag is required').max(MAX_IDENTIFIER_LENGTH, `expected at most ${MAX_IDENTIFIER_LENGTH} characters`),
  name: nullableText,
  serial: nullableText.refine((s) => (s?.length ?? 0) <= MAX_IDENTIFIER_LENGTH, `expected at most ${MAX_IDENTIFIER_LENGTH} characters`),
  smbiosUuid: normalizedText(normalizeUuid, (value) => `invalid SMBIOS UUID "${value}"`),
  macs: macList.optional(),
  manufacturer: nullableText,
  model: nullableText,
  category: nullableText,
  status: z.enum(LIFECYCLE_STATUSES),
  assignedUser: nullableText,
  department: nullableText,
  location: nullableText,
  timeZone: normalizedText(canonicalTimeZone, (value) => `unknown time zone "${value}" (use an IANA name such as Europe/Berlin)`),
  purchaseDate: z.iso
    .date({ message: 'purchaseDate must be YYYY-MM-DD' })
    .refine((d) => d >= PURCHASE_DATE_RANGE.from && d <= PURCHASE_DATE_RANGE.to, `expected a date from ${PURCHASE_DATE_RANGE.from} to ${PURCHASE_DATE_RANGE.to}`)
    .nullable()
    .optional(),
  purchaseCost: z.number().min(0, `expected an amount from 0 to ${MAX_PURCHASE_COST}`).max(MAX_PURCHASE_COST, `expected an amount from 0 to ${MAX_PURCHASE_COST}`).nullable().optional(),
  supplier: nullableText,
  orderNumber: nullableText,
  warrantyMonths: z.number().int().min(0, `expected 0 to ${MAX_WARRANTY_MONTHS} months`).max(MAX_WARRANTY_MONTHS, `expected 0 to ${MAX_WARRANTY_MONTHS} months`).nullable().optional(),
  notes: nullableText,
  customFields: z.record(z.string(), z.string()).optional(),
});

export const AssetPatch = AssetInput.omit({ assetTag: true }).partial();

export function completeAsset(input: z.infer<typeof AssetInput>): Asset {
  const fields = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return makeAsset({ ...fields, assetTag: input.assetTag, status: input.status });
}

/** Register use cases: import/export and single-asset changes, each recorded in the history. */
export class RegisterService {
  constructor(private readonly stores: Pick<Stores, 'assets'>) {}

  /**
   * Imports a register CSV as one transaction (upsert on asset tag). With bad rows and without
   * `skipBad`, nothing is written and the error lists every bad row with its line.
   */
  async import(input: TextInput, options: ImportRegisterOptions, changedBy: string): Promise<ImportRegisterReport> {
    const parsed = await parseRegisterCsv(input, options);
    const base = { rows: parsed.assets.length + parsed.errors.length, errors: parsed.errors, unknownColumns: parsed.unknownColumns };
    if (parsed.errors.length > 0 && !options.skipBad) {
      throw new RollcallError(
        'BAD_INPUT',
        nothingImported(parsed.errors.length, parsed.assets.length, 'row', options.spell),
        { details: base },
      );
    }
    const assets = parsed.assets.map(({ line: _line, ...asset }) => asset);
    const report = await this.stores.assets.upsertMany(assets, changedBy, new Date());
    return { ...base, ...report, skipped: parsed.errors.length };
  }

  async export(format: 'csv' | 'json'): Promise<string> {
    const assets = await this.stores.assets.list();
    return format === 'csv' ? registerToCsv(assets) : registerToJson(assets);
  }

  list(filter: { status?: LifecycleStatus } = {}, page: { limit?: number; offset?: number } = {}) {
    return this.stores.assets.list(filter, page);
  }

  count(filter: { status?: LifecycleStatus } = {}) {
    return this.stores.assets.count(filter);
  }

  async get(assetTag: string): Promise<Asset> {
    const asset = await this.stores.assets.get(assetTag);
    if (!asset) throw new RollcallError('NOT_FOUND', `no asset with tag ${assetTag}`);
    return asset;
  }

  /** Every change to the asset, oldest first; still there after the asset is deleted. */
  async history(assetTag: string) {
    const history = await this.stores.assets.history(assetTag);
    if (history.length === 0) throw new RollcallError('NOT_FOUND', `no asset with tag ${assetTag} has ever existed`);
    return history;
  }

  async create(input: unknown, changedBy: string): Promise<Asset> {
    const asset = completeAsset(parseInput(AssetInput, input));
    if (await this.stores.assets.get(asset.assetTag)) throw new RollcallError('CONFLICT', `asset ${asset.assetTag} already exists; PATCH it instead`);
    await this.stores.assets.upsertMany([asset], changedBy, new Date());
    return asset;
  }

  async update(assetTag: string, input: unknown, changedBy: string): Promise<Asset> {
    const patch = parseInput(AssetPatch, input);
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const asset = await this.stores.assets.update(assetTag, clean, changedBy, new Date());
    if (!asset) throw new RollcallError('NOT_FOUND', `no asset with tag ${assetTag}`);
    return asset;
  }

  async delete(assetTag: string, changedBy: string): Promise<void> {
    if (!(await this.stores.assets.delete(assetTag, changedBy, new Date()))) throw new RollcallError('NOT_FOUND', `no asset with tag ${assetTag}`);
  }
}

function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new RollcallError('BAD_INPUT', `invalid asset: ${problems.join('; ')}`, { details: { problems } });
  }
  return result.data;
}
