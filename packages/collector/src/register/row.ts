import type { Asset, LifecycleStatus } from '@rollcall/core';
import type { ColumnPlan, RegisterField } from './columns.ts';
import { MAX_IDENTIFIER_LENGTH } from '../limits.ts';
import { FLAGS, type Spelling } from '../spelling.ts';
import { unstorableText } from '../storable-text.ts';
import { mapStatus } from './status.ts';
import { parseMacList, parsePurchaseCost, parsePurchaseDate, parseTimeZone, parseUuid, parseWarrantyMonths, type Parsed } from './values.ts';

export type RowResult = { ok: true; asset: Asset } | { ok: false; assetTag: string | null; reason: string };

/** Turns one data row into an Asset, or names everything wrong with it (all problems at once). */
export function rowToAsset(cells: string[], plan: ColumnPlan, statusMap?: Record<string, LifecycleStatus>, spell: Spelling = FLAGS): RowResult {
  const text = (field: RegisterField): string | null => firstValue(cells, plan.fields.get(field));
  const problems: string[] = [];
  const parsed = <T>(field: RegisterField, parse: (cell: string) => Parsed<T>): T | null => {
    const cell = text(field);
    if (cell === null) return null;
    const result = parse(cell);
    if (result.ok) return result.value;
    problems.push(result.reason);
    return null;
  };

  // Text the database cannot hold makes the row bad, like any other unreadable cell.
  problems.push(...unstorableCells(cells, plan));

  const assetTag = text('assetTag');
  if (assetTag === null) problems.push('no asset tag');
  for (const field of ['assetTag', 'serial'] as const) {
    if ((text(field)?.length ?? 0) > MAX_IDENTIFIER_LENGTH) problems.push(`${field}: at most ${MAX_IDENTIFIER_LENGTH} characters`);
  }

  const assignedUser = text('assignedUser');
  const label = text('status');
  const status = label === null ? null : mapStatus(label, { assignedUser, statusMap });
  if (label === null) problems.push('no status');
  else if (status === null) {
    const option = spell('statusMap');
    problems.push(`unknown status "${label}" (map it with ${option} LABEL=STATUS, e.g. ${option} "${label}=in_stock")`);
  }

  const macs: string[] = [];
  for (const index of plan.fields.get('macs') ?? []) {
    const cell = cellAt(cells, index);
    if (cell === null) continue;
    const result = parseMacList(cell);
    if (!result.ok) problems.push(result.reason);
    else for (const mac of result.value) if (!macs.includes(mac)) macs.push(mac);
  }

  // Built in full even for a bad row, so that every cell's problem gets reported at once.
  const asset = {
    assetTag: assetTag ?? '',
    name: text('name'),
    serial: text('serial'),
    smbiosUuid: parsed('smbiosUuid', parseUuid),
    macs,
    manufacturer: text('manufacturer'),
    model: text('model'),
    category: text('category'),
    status: status ?? 'planned', // never returned without a status: a problem was recorded
    assignedUser,
    department: text('department'),
    location: text('location'),
    timeZone: parsed('timeZone', parseTimeZone),
    purchaseDate: parsed('purchaseDate', parsePurchaseDate),
    purchaseCost: parsed('purchaseCost', parsePurchaseCost),
    supplier: text('supplier'),
    orderNumber: text('orderNumber'),
    warrantyMonths: parsed('warrantyMonths', parseWarrantyMonths),
    notes: text('notes'),
    customFields: customFields(cells, plan),
  } satisfies Asset;

  if (problems.length > 0) return { ok: false, assetTag, reason: problems.join('; ') };
  return { ok: true, asset };
}

/** What is wrong with the cells the row is read from (known fields and custom columns). */
function unstorableCells(cells: string[], plan: ColumnPlan): string[] {
  const problems: string[] = [];
  for (const [field, indexes] of plan.fields) {
    const reason = indexes.map((index) => unstorableText(cells[index] ?? '')).find(Boolean);
    if (reason) problems.push(`${field}: ${reason}`);
  }
  for (const { index, header } of plan.custom) {
    const reason = unstorableText(cells[index] ?? '');
    if (reason) problems.push(`column ${JSON.stringify(header)}: ${reason}`);
  }
  return problems;
}

/** Trimmed cell text; null for a missing or blank cell. */
function cellAt(cells: string[], index: number): string | null {
  const value = cells[index]?.trim() ?? '';
  return value === '' ? null : value;
}

/** A field fed by several columns takes the first non-empty one, in synonym order. */
function firstValue(cells: string[], indexes: number[] | undefined): string | null {
  for (const index of indexes ?? []) {
    const value = cellAt(cells, index);
    if (value !== null) return value;
  }
  return null;
}

function customFields(cells: string[], plan: ColumnPlan): Record<string, string> {
  // A Map, then fromEntries: headers like "__proto__" must stay plain keys.
  const fields = new Map<string, string>();
  for (const { index, header } of plan.custom) {
    const value = cellAt(cells, index);
    // Two columns with one header: the first non-empty value wins, as for known fields.
    if (value !== null && !fields.has(header)) fields.set(header, value);
  }
  return Object.fromEntries(fields);
}
