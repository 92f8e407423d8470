import { normalizeHostname } from '../identity/hostname.ts';
import { isIdentifyingMac, normalizeMac } from '../identity/mac.ts';
import { validSerial } from '../identity/serial.ts';
import { validUuid } from '../identity/uuid.ts';
import { groupDevices, type SharedIdentifier } from './devices.ts';
import { flatAll } from './flat.ts';
import { CONFIDENCE, keyName, matchDevices, matchReasons, OUTCOME } from './match.ts';
import { numbers } from './numbers.ts';
import { isoString } from './time.ts';
import {
  FINDING_KINDS,
  type AssetIdentity,
  type Finding,
  type FindingKind,
  type Identity,
  type MatchKey,
  type Observation,
  type ReconcileOptions,
  type Reconciliation,
  type Summary,
} from './types.ts';

const DAY_MS = 86_400_000;

// A device's last-seen time is written two or three times per finding (and its first-seen is
// often the same): the previous result is kept.
let isoMs = NaN;
let isoText = '';
const iso = (ms: number) => {
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = isoString(ms);
  }
  return isoText;
};

const day = (ms: number) => isoString(ms).slice(0, 10);
/** Sources as a reason lists them. */
const joined = (values: readonly string[]) => (values.length === 1 ? values[0]! : values.join(', '));

/**
 * Compares the register with what discovery saw, as of `options.asOf`, and explains every finding.
 * Pure: plain data in, findings out. Observations after `asOf` are ignored, so a past date
 * reproduces the report of that day.
 */
export function reconcile(assets: AssetIdentity[], observations: Observation[], options: ReconcileOptions): Reconciliation {
  const asOf = options.asOf.getTime();
  const cutoff = asOf - options.ghostAfterDays * DAY_MS;
  const window = `${options.ghostAfterDays} days`;
  const asOfDay = day(asOf);
  // Never-seen times are NaN, which compares false.
  const seenWithin = (ms: number) => ms >= cutoff;

  const grouping = groupDevices(observations, asOf);
  const { devices } = grouping;
  const vendorOf = (d: number) => {
    const vendor = devices.vendor[d];
    if (vendor) return vendor;
    if (!options.macVendor) return null;
    const mac = devices.identity[d]!.macs[0]; // burnt-in MACs come first, then randomised ones
    return mac ? options.macVendor(mac) : null;
  };
  const tagOf = (i: number) => assets[i]!.assetTag;
  const matching = matchDevices(assets, grouping, tagOf);
  // Findings need only the devices and the matching: the identifier maps go before a million
  // findings are allocated (a smaller heap to collect while they are).
  for (const owners of [grouping.identifiers.serial, grouping.identifiers.uuid, grouping.identifiers.mac]) owners.clear();
  const findings: Finding[] = [];
  // Counted as they are added: a pass over a million findings afterwards would fetch each again.
  const summary = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Summary;
  const add = (finding: Finding) => {
    summary[finding.kind]++;
    findings.push(finding);
  };
  const duplicates = new Map<string, Finding>();

  const deviceFinding = (kind: FindingKind, d: number, fields: Partial<Finding> & { reasons: string[] }): Finding => flatReasons({
    kind,
    assetTag: null,
    assetTags: [],
    deviceId: devices.id[d]!,
    matchedBy: null,
    confidence: 0,
    lastSeen: iso(devices.lastSeen[d]!),
    firstSeen: iso(devices.firstSeen[d]!),
    sources: devices.sources[d]!,
    identity: devices.identity[d]!,
    vendor: vendorOf(d),
    status: null,
    randomizedMac: devices.randomizedMac[d] === 1,
    ...fields,
    reasons: devices.shared[d]!.length ? [...fields.reasons, ...sharedNotes(devices.shared[d]!)] : fields.reasons,
  });
  const addDuplicate = (assetIndexes: number[], reasons: string[], device?: number, key?: MatchKey) => {
    const tags = assetIndexes.map(tagOf).sort();
    const id = tags.join('\u0000');
    const existing = duplicates.get(id);
    if (existing) {
      existing.reasons.push(...reasons.filter((r) => !existing.reasons.includes(r)));
      if (device !== undefined && !existing.deviceId) {
        const { deviceId, lastSeen, firstSeen, sources, identity, vendor, randomizedMac } = deviceFinding('duplicate', device, { reasons: [] });
        Object.assign(existing, { deviceId, lastSeen, firstSeen, sources, identity, vendor, randomizedMac });
      }
      return;
    }
    const base: Finding = device !== undefined
      ? deviceFinding('duplicate', device, { reasons })
      : { ...emptyFinding('duplicate'), identity: assetIdentity(assets[assetIndexes[0]!]!), reasons };
    base.assetTags = tags;
    base.matchedBy = key ?? null;
    base.confidence = key ? CONFIDENCE[key] : 0;
    duplicates.set(id, base);
  };

  // The register itself: several entries with one serial (or UUID) describe one machine.
  for (const dup of matching.duplicates) {
    addDuplicate(dup.assets, [`assets ${dup.assets.map(tagOf).join(', ')} share ${dup.key === 'serial' ? 'serial' : 'SMBIOS UUID'} ${dup.value}`], undefined, dup.key);
  }

  // Which devices claim each asset: the first in a number array, any further ones in a side map.
  const firstClaim = numbers(assets.length, -1);
  const moreClaims = new Map<number, number[]>();
  const claim = (asset: number, d: number) => {
    if (firstClaim[asset] === -1) firstClaim[asset] = d;
    else {
      const more = moreClaims.get(asset);
      if (more) more.push(d);
      else moreClaims.set(asset, [d]);
    }
  };

  // Assets a device's identifiers name together with other assets: matched to no device, but seen.
  const conflicted = new Map<number, { device: number; assets: number[] }>();

  for (let d = 0; d < devices.length; d++) {
    const outcome = matching.outcome[d];
    if (outcome === OUTCOME.matched) {
      claim(matching.asset[d]!, d);
      continue;
    }
    const match = matching.explained.get(d)!;
    const lastSeen = devices.lastSeen[d]!;
    const seen = seenWithin(lastSeen);
    const sources = devices.sources[d]!;
    switch (match.outcome) {
      case 'duplicate':
        for (const a of match.assets) claim(a, d);
        addDuplicate(match.assets, match.reasons, d, match.key);
        break;
      case 'conflict':
        for (const a of match.assets) conflicted.set(a, { device: d, assets: match.assets });
        if (seen) {
          add(
            deviceFinding('conflict', d, {
              assetTags: match.assets.map(tagOf),
              reasons: [...match.reasons, `last seen ${iso(lastSeen)} by ${sources.join(', ')}`],
            }),
          );
        }
        break;
      case 'unmatched':
        if (seen) {
          const reasons = [
            `seen by ${sources.join(', ')}, last ${iso(lastSeen)}; no serial, UUID, MAC or hostname of it is in the register`,
            ...match.reasons,
          ];
          const { switchPorts } = devices.identity[d]!;
          if (switchPorts.length) reasons.push(`on switch port ${switchPorts.join(', ')}`);
          if (devices.randomizedMac[d]) reasons.push(`known only by a randomised (locally administered) MAC ${devices.identity[d]!.macs.join(', ')}: the same machine may appear under other MACs`);
          add(deviceFinding('shadow', d, { reasons }));
        }
        break;
    }
  }

  const within = `, within ${window} of ${asOfDay}`;
  for (let i = 0; i < assets.length; i++) {
    const asset = assets[i]!;
    const status = asset.status;
    const deployed = status === 'deployed';
    const first = firstClaim[i]!;
    if (first === -1) {
      if (deployed) {
        const conflict = conflicted.size > 0 ? conflicted.get(i) : undefined;
        let why = `asset ${asset.assetTag} is deployed but no source has ever seen it (looked for ${describeKeys(asset)})`;
        if (conflict) {
          const { device: d, assets: named } = conflict;
          const others = named.filter((a) => a !== i).map(tagOf).join(', ');
          why = `asset ${asset.assetTag} is deployed but no device could be matched to it: device ${devices.id[d]}, last seen ${iso(devices.lastSeen[d]!)} by ${joined(devices.sources[d]!)}, carries identifiers of it and of ${others} (a conflict)`;
        }
        add(assetFinding(asset, 'ghost', [why]));
      }
      continue;
    }
    // The device with the strongest claim (the most recently seen among equals) speaks for the
    // asset; when several devices claim it, it was last seen when any of them was.
    const more = moreClaims.size > 0 ? moreClaims.get(i) : undefined;
    let d = first;
    let lastSeen = devices.lastSeen[first]!;
    if (more) {
      for (const other of more) {
        const seenAt = devices.lastSeen[other]!;
        if (matching.key[other]! < matching.key[d]! || (matching.key[other] === matching.key[d] && seenAt > devices.lastSeen[d]!)) d = other;
        if (seenAt > lastSeen) lastSeen = seenAt;
      }
    }
    const lastSeenIso = iso(lastSeen);
    const when = `${lastSeenIso} by ${joined(devices.sources[d]!)}`;
    let kind: FindingKind | undefined;
    let why = '';
    if (seenWithin(lastSeen)) {
      switch (status) {
        case 'deployed':
          kind = 'matched';
          why = `asset ${asset.assetTag} is deployed and was seen ${when}${within}`;
          break;
        case 'planned':
        case 'ordered':
        case 'in_stock':
        case 'in_repair':
          kind = 'drift';
          why = `asset ${asset.assetTag} is ${status} in the register but was seen ${when}: the register is stale`;
          break;
        case 'lost':
        case 'retired':
        case 'disposed':
          kind = 'zombie';
          why = `asset ${asset.assetTag} is ${status} in the register but was seen ${when}`;
      }
    } else if (deployed) {
      kind = 'ghost';
      why = `asset ${asset.assetTag} is deployed but was last seen ${when}, ${Math.floor((asOf - lastSeen) / DAY_MS)} days before ${asOfDay} (window ${window})`;
    }
    if (kind) add(seenFinding(i, kind, why, d, lastSeenIso, more));
    const agentLastSeen = devices.agentLastSeen[d]!;
    if (!Number.isNaN(agentLastSeen) && !seenWithin(agentLastSeen) && seenWithin(devices.networkLastSeen[d]!)) {
      const network = devices.sources[d]!.filter((s) => !s.startsWith('agent:'));
      const silence = `its agent last reported ${iso(agentLastSeen)}, more than ${window} before ${asOfDay}, but ${network.join(', ')} saw it ${iso(devices.networkLastSeen[d]!)}: the agent was removed or is broken`;
      add(seenFinding(i, 'silent', silence, d, lastSeenIso, more));
    }
  }

  /** A finding about an asset no device claims. */
  function assetFinding(asset: AssetIdentity, kind: FindingKind, reasons: string[]): Finding {
    return flatReasons({ ...emptyFinding(kind), assetTag: asset.assetTag, assetTags: [asset.assetTag], identity: assetIdentity(asset), status: asset.status, reasons });
  }

  /**
   * A finding about asset `i`, which device `d` (the strongest claim) and maybe the `more`
   * devices claim: how `d` matched, then `why`.
   */
  function seenFinding(i: number, kind: FindingKind, why: string, d: number, lastSeenIso: string, more: number[] | undefined): Finding {
    const asset = assets[i]!;
    const key = keyName(matching.key[d]!);
    const reasons = matchReasons(matching, d, tagOf, why);
    const shared = devices.shared[d]!;
    if (shared.length) reasons.push(...sharedNotes(shared));
    flatAll(reasons);
    let firstSeen = devices.firstSeen[d]!;
    let sources = devices.sources[d]!;
    if (more) {
      const claimants = [firstClaim[i]!, ...more];
      firstSeen = Math.min(...claimants.map((c) => devices.firstSeen[c]!));
      sources = [...new Set(claimants.flatMap((c) => devices.sources[c]!))];
    }
    return {
      kind,
      assetTag: asset.assetTag,
      assetTags: [asset.assetTag],
      deviceId: devices.id[d]!,
      matchedBy: key,
      confidence: CONFIDENCE[key],
      lastSeen: lastSeenIso,
      firstSeen: iso(firstSeen),
      sources,
      identity: devices.identity[d]!,
      vendor: vendorOf(d),
      status: asset.status,
      randomizedMac: false,
      reasons,
    };
  }

  for (const duplicate of duplicates.values()) add(duplicate);

  return { asOf: new Date(asOf).toISOString(), ghostAfterDays: options.ghostAfterDays, summary, findings };
}

/** Findings live as long as the report: their reasons are kept flat (see flat). */
function flatReasons(finding: Finding): Finding {
  flatAll(finding.reasons);
  return finding;
}

function sharedNotes(shared: readonly SharedIdentifier[]): string[] {
  return shared.map(
    (s) => `${s.kind === 'uuid' ? 'UUID' : 'MAC'} ${s.value} was reported with different serials (${[...s.serials].sort().join(', ')}): not used as an identifier`,
  );
}

function assetIdentity(asset: AssetIdentity): Identity {
  const serial = validSerial(asset.serial);
  const uuid = validUuid(asset.smbiosUuid);
  const name = normalizeHostname(asset.name);
  const macs = asset.macs.map(normalizeMac).filter((m): m is string => m !== null && isIdentifyingMac(m));
  return { serials: serial ? [serial] : [], uuids: uuid ? [uuid] : [], macs, hostnames: name ? [name] : [], ips: [], switchPorts: [] };
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
    identity: { serials: [], uuids: [], macs: [], hostnames: [], ips: [], switchPorts: [] },
    vendor: null,
    status: null,
    randomizedMac: false,
    reasons: [],
  };
}
