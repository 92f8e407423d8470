import type { AssetIdentity, Observation } from '../src/index.ts';

/**
 * The least any engine must do with the same input: read every observation and register entry
 * once, one map operation per identifier, one plain finding with two reasons per asset. No
 * normalisation rules, grouping, conflict checks or explanations. Printed beside the engine's
 * time so a figure can be judged against what this machine can do at all.
 */
export function floorPass(assets: AssetIdentity[], observations: Observation[]): number {
  const bySerial = new Map<string, number>();
  const byMac = new Map<string, number>();
  const seenAt = new Float64Array(observations.length);
  const source: string[] = new Array(observations.length);
  for (let i = 0; i < observations.length; i++) {
    const o = observations[i]!;
    seenAt[i] = o.seenAt.getTime();
    source[i] = o.source;
    if (o.serial) bySerial.set(o.serial, i);
    for (const mac of o.macs) byMac.set(mac, i);
  }
  const findings: object[] = [];
  for (const asset of assets) {
    const tag = asset.assetTag;
    let seen = asset.serial ? bySerial.get(asset.serial) : undefined;
    for (const mac of asset.macs) seen ??= byMac.get(mac);
    if (seen === undefined) {
      findings.push({ kind: 'ghost', assetTag: tag, assetTags: [tag], reasons: [`asset ${tag} was never seen`] });
      continue;
    }
    const last = new Date(seenAt[seen]!).toISOString();
    findings.push({
      kind: 'matched',
      assetTag: tag,
      assetTags: [tag],
      lastSeen: last,
      sources: [source[seen]],
      identity: { serials: [asset.serial], macs: asset.macs },
      status: asset.status,
      reasons: [`serial ${asset.serial} matches asset ${tag}`, `asset ${tag} was seen ${last} by ${source[seen]}`],
    });
  }
  return findings.length;
}
