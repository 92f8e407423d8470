import { isIdentifyingMac, macKind, normalizeMac } from '../identity/mac.ts';
import { normalizeSerial, validSerial } from '../identity/serial.ts';
import { isJunkUuid, normalizeUuid, uuidKey } from '../identity/uuid.ts';
import type { IdentifierIndex } from './devices.ts';
import type { AssetIdentity, Identity } from './types.ts';

/**
 * Why none of the asset's serial, UUID and MACs tied it to a device that its hostname names, key
 * by key, e.g. `no serial or UUID is registered; the registered MAC 02:… was ignored: it is
 * locally administered (randomised or virtual)`. A hostname match is a guess: the reader must see
 * what was registered and why it did not count, not "nothing is registered".
 */
export function whyNoStrongerKey(asset: AssetIdentity, device: Identity, ids: Pick<IdentifierIndex, 'sharedUuids' | 'sharedMacs'>): string {
  const missing: string[] = [];
  const why: string[] = [];

  const serial = normalizeSerial(asset.serial);
  if (!serial) missing.push('serial');
  else if (!validSerial(serial)) why.push(`the registered serial "${asset.serial!.trim()}" is a placeholder, not an identifier`);
  else why.push(`the registered serial ${serial} ${notReported(device.serials, (s) => s === serial)}`);

  const rawUuid = asset.smbiosUuid?.trim();
  const uuid = rawUuid ? normalizeUuid(rawUuid) : null;
  if (!rawUuid) missing.push('UUID');
  else if (!uuid) why.push(`the registered UUID "${rawUuid}" is not a UUID`);
  else if (isJunkUuid(uuid)) why.push(`the registered UUID ${uuid} is a placeholder, not an identifier`);
  else if (ids.sharedUuids.has(uuidKey(uuid))) why.push(`the registered UUID ${uuid} was ignored: several machines report it (clones)`);
  else why.push(`the registered UUID ${uuid} ${notReported(device.uuids, (u) => uuidKey(u) === uuidKey(uuid))}`);

  const macs = new Set<string>();
  const unreadable: string[] = [];
  for (const raw of asset.macs) {
    if (!raw.trim()) continue;
    const mac = normalizeMac(raw);
    if (mac) macs.add(mac);
    else unreadable.push(raw.trim());
  }
  if (macs.size === 0 && unreadable.length === 0) missing.push('MAC');
  for (const raw of unreadable) why.push(`the registered MAC "${raw}" is not a MAC address`);
  for (const mac of macs) {
    if (macKind(mac) === 'local') why.push(`the registered MAC ${mac} was ignored: it is locally administered (randomised or virtual)`);
    else if (!isIdentifyingMac(mac)) why.push(`the registered MAC ${mac} was ignored: it cannot identify a machine (${macKind(mac) === 'universal' ? 'a placeholder' : macKind(mac)})`);
    else if (ids.sharedMacs.has(mac)) why.push(`the registered MAC ${mac} was ignored: several machines report it (a dock or USB adapter)`);
    else why.push(`the registered MAC ${mac} was not seen on the device`);
  }

  const none = missing.length === 0 ? [] : [`no ${missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)}`} is registered`];
  return [...none, ...why].join('; ');
}

/** What the device said instead of the registered value (a device that reported it would have matched by it). */
function notReported(values: readonly string[], isIt: (value: string) => boolean): string {
  if (values.length === 0 || values.some(isIt)) return 'was not reported by the device';
  return `differs from the device's ${values.join(', ')}`;
}
