import { normalizeHostname } from '../identity/hostname.ts';
import { isIdentifyingMac, normalizeMac } from '../identity/mac.ts';
import { validSerial } from '../identity/serial.ts';
import { uuidKey, validUuid } from '../identity/uuid.ts';
import { groupDevices, type Device } from './devices.ts';
import { CONFIDENCE, indexAssets, matchDevice } from './match.ts';
import { normalizeObservation } from './normalize.ts';
import {
  FINDING_KINDS,
  type AssetIdentity,
  type Finding,
  type FindingKind,
  type Identity,
  type LifecycleStatus,
  type MatchKey,
  type Observation,
  type ReconcileOptions,
  type Reconciliation,
  type Summary,
} from './types.ts';

const DAY_MS = 86_400_000;
const NOT_YET_IN_USE: LifecycleStatus[] = ['planned', 'ordered', 'in_stock', 'in_repair'];
const GONE: LifecycleStatus[] = ['lost', 'retired', 'disposed'];

/** A device's claim on an asset. */
interface Claim {
  device: Device;
  key: MatchKey;
  reasons: string[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Compares the register with what discovery saw, as of `options.asOf`, and explains every finding.
 * Pure: plain data in, findings out. Observations after `asOf` are ignored, so a past date
 * reproduces the report of that day.
 */
export function reconcile(assets: AssetIdentity[], observations: Observation[], options: ReconcileOptions): Reconciliation {
  const asOf = options.asOf.getTime();
  const cutoff = asOf - options.ghostAfterDays * DAY_MS;
  const window = `${options.ghostAfterDays} days`;
  const seenWithin = (ms: number | null) => ms !== null && ms >= cutoff;
  const vendorOf = (device: Device | undefined) => {
    if (!device) return null;
    if (device.vendor) return device.vendor;
    const mac = device.macs[0] ?? device.localMacs[0];
    return mac && options.macVendor ? options.macVendor(mac) : null;
  };

  const normalized = [];
  for (const observation of observations) {
    if (observation.seenAt.getTime() <= asOf) normalized.push(normalizeObservation(observation, normalized.length));
  }
  const { devices, shared } = groupDevices(normalized);
  // UUIDs that discovery shows on several machines (clones) are no evidence of register duplicates.
  const clonedUuids = new Set(shared.filter((s) => s.kind === 'uuid').map((s) => uuidKey(s.value)));
  const index = indexAssets(assets);
  const tagOf = (i: number) => assets[i]!.assetTag;
  const claims: (Claim[] | undefined)[] = new Array(assets.length);
  const findings: Finding[] = [];
  const duplicates = new Map<string, Finding>();

  const deviceFinding = (kind: FindingKind, device: Device, fields: Partial<Finding> & { reasons: string[] }): Finding => ({
    kind,
    assetTag: null,
    assetTags: [],
    deviceId: device.id,
    matchedBy: null,
    confidence: 0,
    lastSeen: iso(device.lastSeen),
    firstSeen: iso(device.firstSeen),
    sources: device.sources,
    identity: deviceIdentity(device),
    vendor: vendorOf(device),
    status: null,
    randomizedMac: device.randomizedMac,
    ...fields,
    reasons: [...fields.reasons, ...sharedNotes(device)],
  });
  const addDuplicate = (assetIndexes: number[], reasons: string[], device?: Device, key?: MatchKey) => {
    const tags = assetIndexes.map(tagOf).sort();
    const id = tags.join('\u0000');
    const existing = duplicates.get(id);
    if (existing) {
      existing.reasons.push(...reasons.filter((r) => !existing.reasons.includes(r)));
      if (device && !existing.deviceId) {
        const { deviceId, lastSeen, firstSeen, sources, identity, vendor, randomizedMac } = deviceFinding('duplicate', device, { reasons: [] });
        Object.assign(existing, { deviceId, lastSeen, firstSeen, sources, identity, vendor, randomizedMac });
      }
      return;
    }
    const base: Finding = device
      ? deviceFinding('duplicate', device, { reasons })
      : { ...emptyFinding('duplicate'), identity: assetIdentity(assets[assetIndexes[0]!]!), reasons };
    base.assetTags = tags;
    base.matchedBy = key ?? null;
    base.confidence = key ? CONFIDENCE[key] : 0;
    duplicates.set(id, base);
  };

  // The register itself: several entries with one serial (or UUID) describe one machine.
  for (const [serial, list] of index.bySerial) {
    if (list.length > 1) addDuplicate(list, [`assets ${list.map(tagOf).join(', ')} share serial ${serial}`], undefined, 'serial');
  }
  for (const [key, list] of index.byUuid) {
    if (list.length > 1 && !clonedUuids.has(key)) addDuplicate(list, [`assets ${list.map(tagOf).join(', ')} share SMBIOS UUID ${key}`], undefined, 'uuid');
  }

  for (const device of devices) {
    const match = matchDevice(device, index, tagOf);
    const seen = seenWithin(device.lastSeen);
    switch (match.outcome) {
      case 'matched':
        (claims[match.asset] ??= []).push({ device, key: match.key, reasons: match.reasons });
        break;
      case 'duplicate':
        for (const a of match.assets) (claims[a] ??= []).push({ device, key: match.key, reasons: match.reasons });
        addDuplicate(match.assets, match.reasons, device, match.key);
        break;
      case 'conflict':
        if (seen) {
          findings.push(
            deviceFinding('conflict', device, {
              assetTags: match.assets.map(tagOf),
              reasons: [...match.reasons, `last seen ${iso(device.lastSeen)} by ${device.sources.join(', ')}`],
            }),
          );
        }
        break;
      case 'unmatched':
        if (seen) {
          const reasons = [
            `seen by ${device.sources.join(', ')}, last ${iso(device.lastSeen)}; no serial, UUID, MAC or hostname of it is in the register`,
            ...match.reasons,
          ];
          if (device.randomizedMac) reasons.push(`known only by a randomised (locally administered) MAC ${device.localMacs.join(', ')}: the same machine may appear under other MACs`);
          findings.push(deviceFinding('shadow', device, { reasons }));
        }
        break;
    }
  }

  assets.forEach((asset, i) => {
    const assetClaims = claims[i];
    const best = assetClaims?.reduce((a, b) => (CONFIDENCE[b.key] > CONFIDENCE[a.key] || (CONFIDENCE[b.key] === CONFIDENCE[a.key] && b.device.lastSeen > a.device.lastSeen) ? b : a));
    const lastSeen = assetClaims ? Math.max(...assetClaims.map((c) => c.device.lastSeen)) : null;
    const base = (kind: FindingKind, reasons: string[]): Finding => {
      const device = best?.device;
      return {
        kind,
        assetTag: asset.assetTag,
        assetTags: [asset.assetTag],
        deviceId: device?.id ?? null,
        matchedBy: best?.key ?? null,
        confidence: best ? CONFIDENCE[best.key] : 0,
        lastSeen: iso(lastSeen),
        firstSeen: device ? iso(Math.min(...assetClaims!.map((c) => c.device.firstSeen))) : null,
        sources: device ? [...new Set(assetClaims!.flatMap((c) => c.device.sources))] : [],
        identity: device ? deviceIdentity(device) : assetIdentity(asset),
        vendor: vendorOf(device),
        status: asset.status,
        randomizedMac: false,
        reasons: [...(best?.reasons ?? []), ...reasons, ...(device ? sharedNotes(device) : [])],
      };
    };
    const seen = seenWithin(lastSeen);
    const when = lastSeen === null ? '' : `${iso(lastSeen)} by ${best!.device.sources.join(', ')}`;
    if (asset.status === 'deployed') {
      if (seen) findings.push(base('matched', [`asset ${asset.assetTag} is deployed and was seen ${when}, within ${window} of ${day(asOf)}`]));
      else if (lastSeen === null) findings.push(base('ghost', [`asset ${asset.assetTag} is deployed but no source has ever seen it (looked for ${describeKeys(asset)})`]));
      else findings.push(base('ghost', [`asset ${asset.assetTag} is deployed but was last seen ${when}, ${Math.floor((asOf - lastSeen) / DAY_MS)} days before ${day(asOf)} (window ${window})`]));
    } else if (seen && NOT_YET_IN_USE.includes(asset.status)) {
      findings.push(base('drift', [`asset ${asset.assetTag} is ${asset.status} in the register but was seen ${when}: the register is stale`]));
    } else if (seen && GONE.includes(asset.status)) {
      findings.push(base('zombie', [`asset ${asset.assetTag} is ${asset.status} in the register but was seen ${when}`]));
    }
    const device = best?.device;
    if (device && device.agentLastSeen !== null && !seenWithin(device.agentLastSeen) && seenWithin(device.networkLastSeen)) {
      const network = device.sources.filter((s) => !s.startsWith('agent:'));
      findings.push(
        base('silent', [
          `its agent last reported ${iso(device.agentLastSeen)}, more than ${window} before ${day(asOf)}, but ${network.join(', ')} saw it ${iso(device.networkLastSeen)}: the agent was removed or is broken`,
        ]),
      );
    }
  });

  findings.push(...duplicates.values());

  const summary = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Summary;
  for (const finding of findings) summary[finding.kind]++;
  return { asOf: new Date(asOf).toISOString(), ghostAfterDays: options.ghostAfterDays, summary, findings };
}

function sharedNotes(device: Device): string[] {
  return device.shared.map(
    (s) => `${s.kind === 'uuid' ? 'UUID' : 'MAC'} ${s.value} was reported with different serials (${s.serials.join(', ')}): not used as an identifier`,
  );
}

function deviceIdentity(device: Device): Identity {
  return {
    serials: device.serials,
    uuids: device.uuids,
    macs: [...device.macs, ...device.localMacs],
    hostnames: device.hostnames,
    ips: device.ips,
  };
}

function assetIdentity(asset: AssetIdentity): Identity {
  const serial = validSerial(asset.serial);
  const uuid = validUuid(asset.smbiosUuid);
  const name = normalizeHostname(asset.name);
  const macs = asset.macs.map(normalizeMac).filter((m): m is string => m !== null && isIdentifyingMac(m));
  return { serials: serial ? [serial] : [], uuids: uuid ? [uuid] : [], macs, hostnames: name ? [name] : [], ips: [] };
}

function describeKeys(asset: AssetIdentity): string {
  const id = assetIdentity(asset);
  const parts = [
    ...id.serials.map((s) => `serial ${s}`),
    ...id.uuids.map((u) => `UUID ${u}`),
    ...id.macs.map((m) => `MAC ${m}`),
    ...id.hostnames.map((h) => `hostname ${h}`),
  ];
  return parts.length > 0 ? parts.join(', ') : 'no usable identifier: the register entry has no valid serial, UUID, MAC or name';
}

function emptyFinding(kind: FindingKind): Finding {
  return {
    kind,
    assetTag: null,
    assetTags: [],
    deviceId: null,
    matchedBy: null,
    confidence: 0,
    lastSeen: null,
    firstSeen: null,
    sources: [],
    identity: { serials: [], uuids: [], macs: [], hostnames: [], ips: [] },
    vendor: null,
    status: null,
    randomizedMac: false,
    reasons: [],
  };
}
