import { normalizeHostname } from '../identity/hostname.ts';
import { isIdentifyingMac, normalizeMac } from '../identity/mac.ts';
import { validSerial } from '../identity/serial.ts';
import { uuidKey, validUuid } from '../identity/uuid.ts';
import type { Device } from './devices.ts';
import type { AssetIdentity, MatchKey } from './types.ts';

export const CONFIDENCE: Record<MatchKey, number> = { serial: 1, uuid: 0.9, mac: 0.8, hostname: 0.5 };

/** The register's identifiers, normalised the same way as discovery's, each → asset indexes. */
export interface AssetIndex {
  serial: (string | null)[];
  bySerial: Map<string, number[]>;
  byUuid: Map<string, number[]>;
  byMac: Map<string, number[]>;
  byName: Map<string, number[]>;
}

function add(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

export function indexAssets(assets: AssetIdentity[]): AssetIndex {
  const index: AssetIndex = { serial: [], bySerial: new Map(), byUuid: new Map(), byMac: new Map(), byName: new Map() };
  assets.forEach((asset, i) => {
    const serial = validSerial(asset.serial);
    index.serial.push(serial);
    if (serial) add(index.bySerial, serial, i);
    const uuid = validUuid(asset.smbiosUuid);
    if (uuid) add(index.byUuid, uuidKey(uuid), i);
    for (const raw of asset.macs) {
      const mac = normalizeMac(raw);
      if (mac && isIdentifyingMac(mac)) add(index.byMac, mac, i);
    }
    const name = normalizeHostname(asset.name);
    if (name) add(index.byName, name, i);
  });
  return index;
}

/** One identifier of a device that names register entries. */
export interface Hit {
  key: MatchKey;
  value: string;
  assets: number[];
}

export type DeviceMatch =
  | { outcome: 'unmatched'; reasons: string[] }
  | { outcome: 'matched'; asset: number; key: MatchKey; hits: Hit[]; reasons: string[] }
  | { outcome: 'duplicate'; assets: number[]; key: MatchKey; hits: Hit[]; reasons: string[] }
  | { outcome: 'conflict'; assets: number[]; hits: Hit[]; reasons: string[] };

/**
 * Finds the register entry a device is. Serial, UUID and MAC each name a set of assets; the device
 * is the asset all of them agree on. If they name different assets it is a conflict (never a
 * guess); if they agree on several, the register holds duplicates. Only when no strong identifier
 * names any asset may a hostname match, and only one that exactly one asset carries.
 */
export function matchDevice(device: Device, index: AssetIndex, tagOf: (i: number) => string): DeviceMatch {
  const hits: Hit[] = [];
  for (const value of device.serials) {
    const assets = index.bySerial.get(value);
    if (assets) hits.push({ key: 'serial', value, assets });
  }
  device.uuidKeys.forEach((key, k) => {
    const assets = index.byUuid.get(key);
    if (assets) hits.push({ key: 'uuid', value: device.uuids[k]!, assets });
  });
  for (const value of device.macs) {
    const assets = index.byMac.get(value);
    if (assets) hits.push({ key: 'mac', value, assets });
  }
  if (hits.length === 0) return matchByHostname(device, index, tagOf);
  // The common case, one identifier naming one asset, without building sets.
  if (hits.length === 1 && hits[0]!.assets.length === 1) {
    const hit = hits[0]!;
    const asset = hit.assets[0]!;
    return { outcome: 'matched', asset, key: hit.key, hits, reasons: [`${hit.key} ${hit.value} matches asset ${tagOf(asset)} (confidence ${CONFIDENCE[hit.key].toFixed(1)})`] };
  }

  const describe = (hit: Hit) => `${hit.key} ${hit.value} → ${hit.assets.map(tagOf).join(', ')}`;
  let agreed = hits[0]!.assets;
  for (const hit of hits.slice(1)) agreed = agreed.filter((a) => hit.assets.includes(a));
  const best = hits[0]!.key; // hits are in precedence order: serial, uuid, mac
  if (agreed.length === 1) {
    const asset = agreed[0]!;
    const used = hits.filter((h) => h.key === best);
    return {
      outcome: 'matched',
      asset,
      key: best,
      hits,
      reasons: [`${best} ${used.map((h) => h.value).join(', ')} matches asset ${tagOf(asset)} (confidence ${CONFIDENCE[best].toFixed(1)})`, ...hits.filter((h) => h.key !== best).map((h) => `also agrees: ${describe(h)}`)],
    };
  }
  if (agreed.length > 1) {
    return {
      outcome: 'duplicate',
      assets: agreed,
      key: best,
      hits,
      reasons: [`one device, several register entries: ${hits.map(describe).join('; ')}`],
    };
  }
  const assets = [...new Set(hits.flatMap((h) => h.assets))];
  return {
    outcome: 'conflict',
    assets,
    hits,
    reasons: [`identifiers of one device point at different assets: ${hits.map(describe).join('; ')}`, 'not matched: resolve the register or the identifiers'],
  };
}

function matchByHostname(device: Device, index: AssetIndex, tagOf: (i: number) => string): DeviceMatch {
  const reasons: string[] = [];
  for (const hostname of device.hostnames) {
    const assets = index.byName.get(hostname);
    if (!assets) continue;
    if (assets.length > 1) {
      reasons.push(`hostname ${hostname} is carried by ${assets.length} assets (${assets.map(tagOf).join(', ')}): too ambiguous to match`);
      continue;
    }
    const asset = assets[0]!;
    const registered = index.serial[asset];
    if (registered && device.serials.length > 0 && !device.serials.includes(registered)) {
      reasons.push(`hostname ${hostname} names asset ${tagOf(asset)}, but its serial ${registered} differs from the device's ${device.serials.join(', ')}: not matched`);
      continue;
    }
    const hit: Hit = { key: 'hostname', value: hostname, assets };
    return {
      outcome: 'matched',
      asset,
      key: 'hostname',
      hits: [hit],
      reasons: [`no serial, UUID or MAC is registered; hostname ${hostname} matches asset ${tagOf(asset)}, the only asset with that name (confidence 0.5)`],
    };
  }
  return { outcome: 'unmatched', reasons };
}
