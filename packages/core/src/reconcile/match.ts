import { normalizeHostname } from '../identity/hostname.ts';
import { isIdentifyingMac, normalizeMac } from '../identity/mac.ts';
import { validSerial } from '../identity/serial.ts';
import { uuidKey, validUuid } from '../identity/uuid.ts';
import type { Grouping, IdentifierIndex } from './devices.ts';
import { groupIndexes } from './group-indexes.ts';
import { SetFilter } from './set-filter.ts';
import { whyNoStrongerKey } from './stronger-keys.ts';
import { numbers } from './numbers.ts';
import type { AssetIdentity, Identity, MatchKey } from './types.ts';

export const CONFIDENCE: Record<MatchKey, number> = { serial: 1, uuid: 0.9, mac: 0.8, hostname: 0.5 };
const KEYS: MatchKey[] = ['serial', 'uuid', 'mac', 'hostname'];
const CONFIDENCE_TEXT = KEYS.map((key) => CONFIDENCE[key].toFixed(1));
/** Orders "also agrees: KEY …" lines by the strength of KEY. */
const byKeyOrder = (a: string, b: string) => KEYS.indexOf(a.split(' ')[2] as MatchKey) - KEYS.indexOf(b.split(' ')[2] as MatchKey);

/** One identifier of a device that names register entries. */
export interface Hit {
  key: MatchKey;
  value: string;
  assets: number[];
}

export type DeviceMatch =
  | { outcome: 'unmatched'; reasons: string[] }
  | { outcome: 'matched'; asset: number; key: MatchKey; reasons: string[] }
  | { outcome: 'duplicate'; assets: number[]; key: MatchKey; reasons: string[] }
  | { outcome: 'conflict'; assets: number[]; reasons: string[] };

/** Register entries that share a serial or UUID: one machine described twice. */
export interface RegisterDuplicate {
  key: 'serial' | 'uuid';
  value: string;
  assets: number[];
}

export const OUTCOME = { unmatched: 0, matched: 1, duplicate: 2, conflict: 3 } as const;

/**
 * Per device (same order as grouping.devices), in number arrays: a million devices must not mean
 * a million result objects. Devices whose result needs more explanation than "KEY VALUE matches
 * asset X" have a DeviceMatch in `explained`.
 */
export interface Matching {
  outcome: number[];
  asset: number[];
  key: number[];
  explained: Map<number, DeviceMatch>;
  /** 1 for devices that matched simply and are explained on demand (no `explained` entry). */
  simple: number[];
  /** The identifier hits behind each simple match, grouped by device: order[start[d]..start[d+1]). */
  hits: { start: number[]; order: number[]; found: Hits };
  /** Assets sharing a serial or UUID that no device reported (seen ones are device duplicates). */
  duplicates: RegisterDuplicate[];
}

export const keyName = (index: number): MatchKey => KEYS[index]!;

/**
 * Why device `d` matched as it did, then `then`: a new array, sized for the common two lines (a
 * million findings keep theirs, so growth slack would be kept too).
 */
export function matchReasons(matching: Matching, d: number, tagOf: (i: number) => string, then: string): string[] {
  if (!matching.simple[d]) return [...matching.explained.get(d)!.reasons, then];
  const { start, order, found } = matching.hits;
  const { value } = found;
  const best = matching.key[d]!;
  const tag = tagOf(matching.asset[d]!);
  if (start[d + 1]! - start[d]! === 1) return [`${KEYS[best]} ${value[order[start[d]!]!]} matches asset ${tag} (confidence ${CONFIDENCE_TEXT[best]})`, then];
  const bestValues: string[] = [];
  const others: string[] = [];
  for (let k = start[d]!; k < start[d + 1]!; k++) {
    const h = order[k]!;
    const key = found.key(h);
    if (key === best) {
      if (!bestValues.includes(value[h]!)) bestValues.push(value[h]!);
    } else {
      const line = `also agrees: ${KEYS[key]} ${value[h]} → ${tag}`;
      if (!others.includes(line)) others.push(line);
    }
  }
  if (others.length > 1) others.sort(byKeyOrder);
  const matched = `${KEYS[best]} ${bestValues.length === 1 ? bestValues[0] : bestValues.join(', ')} matches asset ${tag} (confidence ${CONFIDENCE_TEXT[best]})`;
  if (others.length === 0) return [matched, then];
  if (others.length === 1) return [matched, others[0]!, then]; // serial and MAC agree: the usual agent
  return [matched, ...others, then];
}

/**
 * Finds the register entry each device is. Serial, UUID and MAC each name a set of assets; the
 * device is the asset all of them agree on. If they name different assets it is a conflict (never
 * a guess); if they agree on several, the register holds duplicates. Only when no strong
 * identifier names any asset may a hostname match, and only one that exactly one asset carries.
 *
 * Works from the register side: each asset's identifiers are looked up in the index grouping
 * built from the observations, so the register needs no index of its own (fewer map operations,
 * which dominate at a million assets).
 */
export function matchDevices(assets: AssetIdentity[], grouping: Grouping, tagOf: (i: number) => string): Matching {
  const { identifiers: ids, devices } = grouping;
  // Room for a serial and a MAC per asset, the usual register; more grow the columns.
  const found = new Hits(2 * assets.length);
  const hit = (sighting: number | undefined, key: number, value: string, asset: number) => {
    if (sighting === undefined) return;
    const device = ids.deviceOf[sighting]!;
    if (device >= 0) found.add(device, asset, key, value);
  };

  const firstWithSerial = new Map<string, number>();
  const firstWithUuid = new Map<string, number>();
  const duplicates = new Map<string, RegisterDuplicate>();
  const noteDuplicate = (map: Map<string, number>, key: 'serial' | 'uuid', value: string, i: number) => {
    const first = map.get(value);
    if (first === undefined) return void map.set(value, i);
    const id = `${key}:${value}`;
    const entry = duplicates.get(id);
    if (entry) entry.assets.push(i);
    else duplicates.set(id, { key, value, assets: [first, i] });
  };

  for (let i = 0; i < assets.length; i++) {
    const asset = assets[i]!;
    const serial = asset.serial ? validSerial(asset.serial) : null;
    if (serial) {
      const owner = ids.serial.get(serial);
      // A serial some device reported: duplicates show up as one device hitting several assets.
      if (owner === undefined) noteDuplicate(firstWithSerial, 'serial', serial, i);
      else hit(owner, 0, serial, i);
    }
    const uuid = asset.smbiosUuid ? validUuid(asset.smbiosUuid) : null;
    if (uuid) {
      const key = uuidKey(uuid);
      // A UUID that discovery shows on several machines (clones) identifies nothing, and is no
      // evidence of a register duplicate either.
      if (!ids.sharedUuids.has(key)) {
        const owner = ids.uuid.get(key);
        if (owner === undefined) noteDuplicate(firstWithUuid, 'uuid', key, i);
        else hit(owner, 1, uuid, i);
      }
    }
    for (const raw of asset.macs) {
      const mac = normalizeMac(raw);
      if (mac && isIdentifyingMac(mac) && !ids.sharedMacs.has(mac)) hit(ids.mac.get(mac), 2, mac, i);
    }
  }

  // Hits grouped by device, in the order they were found (counting sort).
  const { start, order } = groupIndexes(found.device, found.length, devices.length);

  // Register names matter only for devices no strong identifier matched: index just those names.
  const wantedNames = new Set<string>();
  for (let d = 0; d < devices.length; d++) {
    if (start[d] === start[d + 1]) for (const hostname of devices.identity[d]!.hostnames) wantedNames.add(hostname);
  }
  const names = wantedNames.size > 0 ? indexNames(assets, wantedNames) : new Map<string, number[]>();
  const result: Matching = {
    outcome: numbers(devices.length, 0),
    asset: numbers(devices.length, -1),
    key: numbers(devices.length, 0),
    explained: new Map(),
    simple: numbers(devices.length, 0),
    hits: { start, order, found },
    duplicates: [...duplicates.values()],
  };
  for (let d = 0; d < devices.length; d++) {
    const from = start[d]!;
    const to = start[d + 1]!;
    let match: DeviceMatch;
    if (from === to) {
      match = matchByHostname(devices.identity[d]!, names, assets, ids, tagOf);
    } else if (allNameOneAsset(order, from, to, found)) {
      // The common case: every identifier names the same single asset; explained on demand.
      result.outcome[d] = OUTCOME.matched;
      result.simple[d] = 1;
      result.asset[d] = found.asset(order[from]!);
      let best = found.key(order[from]!);
      for (let k = from + 1; k < to; k++) best = Math.min(best, found.key(order[k]!));
      result.key[d] = best;
      continue;
    } else {
      const hits: Hit[] = [];
      for (let k = from; k < to; k++) {
        const h = order[k]!;
        const key = KEYS[found.key(h)]!;
        const value = found.value[h]!;
        const same = hits.find((x) => x.key === key && x.value === value);
        if (same) same.assets.push(found.asset(h));
        else hits.push({ key, value, assets: [found.asset(h)] });
      }
      hits.sort((a, b) => KEYS.indexOf(a.key) - KEYS.indexOf(b.key));
      match = decide(hits, tagOf);
    }
    result.explained.set(d, match);
    result.outcome[d] = OUTCOME[match.outcome];
    if (match.outcome === 'matched') {
      result.asset[d] = match.asset;
      result.key[d] = KEYS.indexOf(match.key);
    } else if (match.outcome === 'duplicate') {
      result.key[d] = KEYS.indexOf(match.key);
    }
  }
  return result;
}

function allNameOneAsset(order: number[], from: number, to: number, found: Hits): boolean {
  const asset = found.asset(order[from]!);
  for (let k = from + 1; k < to; k++) if (found.asset(order[k]!) !== asset) return false;
  return true;
}

/**
 * Register identifiers found on devices, one column per field; an asset and the kind of key
 * share one number (asset × 4 + key). Sized up front and grown by doubling: a million pushes
 * onto plain arrays cost three times as much, and every column is fresh memory to touch.
 */
class Hits {
  length = 0;
  device: number[];
  assetKey: number[];
  value: string[];

  constructor(capacity: number) {
    this.device = numbers(capacity, 0);
    this.assetKey = numbers(capacity, 0);
    this.value = new Array(capacity);
  }

  add(device: number, asset: number, key: number, value: string): void {
    if (this.length === this.device.length) this.grow();
    const h = this.length++;
    this.device[h] = device;
    this.assetKey[h] = asset * 4 + key;
    this.value[h] = value;
  }

  asset(h: number): number {
    return Math.floor(this.assetKey[h]! / 4);
  }

  /** Index of the key in KEYS. */
  key(h: number): number {
    return this.assetKey[h]! % 4;
  }

  private grow(): void {
    const capacity = Math.max(16, this.length * 2);
    const more = numbers(capacity - this.length, 0);
    this.device = this.device.concat(more);
    this.assetKey = this.assetKey.concat(more);
    this.value.length = capacity;
  }
}

/** Several identifiers name assets: agree on one (match), on several (duplicate), or not (conflict). */
function decide(hits: Hit[], tagOf: (i: number) => string): DeviceMatch {
  const describe = (hit: Hit) => `${hit.key} ${hit.value} → ${hit.assets.map(tagOf).join(', ')}`;
  let agreed = hits[0]!.assets;
  for (const hit of hits.slice(1)) agreed = agreed.filter((a) => hit.assets.includes(a));
  const best = hits[0]!.key;
  if (agreed.length === 1) {
    const asset = agreed[0]!;
    const used = hits.filter((h) => h.key === best);
    return {
      outcome: 'matched',
      asset,
      key: best,
      reasons: [
        `${best} ${used.map((h) => h.value).join(', ')} matches asset ${tagOf(asset)} (confidence ${CONFIDENCE[best].toFixed(1)})`,
        ...hits.filter((h) => h.key !== best).map((h) => `also agrees: ${describe(h)}`),
      ],
    };
  }
  if (agreed.length > 1) {
    const shared = hits.filter((h) => h.assets.length > 1 && h.key !== 'mac');
    return {
      outcome: 'duplicate',
      assets: agreed,
      key: best,
      reasons: [
        ...shared.map((h) => `assets ${h.assets.map(tagOf).join(', ')} share ${h.key === 'serial' ? 'serial' : 'SMBIOS UUID'} ${h.value}`),
        `one device, several register entries: ${hits.map(describe).join('; ')}`,
      ],
    };
  }
  return {
    outcome: 'conflict',
    assets: [...new Set(hits.flatMap((h) => h.assets))],
    reasons: [`identifiers of one device point at different assets: ${hits.map(describe).join('; ')}`, 'not matched: resolve the register or the identifiers'],
  };
}

function indexNames(assets: AssetIdentity[], wanted: Set<string>): Map<string, number[]> {
  const names = new Map<string, number[]>();
  const filter = new SetFilter(wanted);
  for (let i = 0; i < assets.length; i++) {
    const raw = assets[i]!.name;
    const name = raw ? normalizeHostname(raw) : null;
    if (!name || !filter.mayHave(name) || !wanted.has(name)) continue;
    const list = names.get(name);
    if (list) list.push(i);
    else names.set(name, [i]);
  }
  return names;
}

function matchByHostname(device: Identity, names: Map<string, number[]>, register: AssetIdentity[], ids: IdentifierIndex, tagOf: (i: number) => string): DeviceMatch {
  const reasons: string[] = [];
  for (const hostname of device.hostnames) {
    const assets = names.get(hostname);
    if (!assets) continue;
    if (assets.length > 1) {
      reasons.push(`hostname ${hostname} is carried by ${assets.length} assets (${assets.map(tagOf).join(', ')}): too ambiguous to match`);
      continue;
    }
    const asset = assets[0]!;
    const registered = validSerial(register[asset]!.serial);
    if (registered && device.serials.length > 0 && !device.serials.includes(registered)) {
      reasons.push(`hostname ${hostname} names asset ${tagOf(asset)}, but its serial ${registered} differs from the device's ${device.serials.join(', ')}: not matched`);
      continue;
    }
    return {
      outcome: 'matched',
      asset,
      key: 'hostname',
      reasons: [`${whyNoStrongerKey(register[asset]!, device, ids)}; hostname ${hostname} matches asset ${tagOf(asset)}, the only asset with that name (confidence 0.5)`],
    };
  }
  return { outcome: 'unmatched', reasons };
}
