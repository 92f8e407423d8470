import { describe, expect, it } from 'vitest';
import { macVendor } from '../identity/vendor.ts';
import { reconcile } from './reconcile.ts';
import type { AssetIdentity, Finding, FindingKind, Observation } from './types.ts';

const AS_OF = new Date('2026-11-01T12:00:00Z');
const daysAgo = (n: number) => new Date(AS_OF.getTime() - n * 86_400_000);

const asset = (assetTag: string, fields: Partial<AssetIdentity> = {}): AssetIdentity => ({
  assetTag,
  name: null,
  serial: null,
  smbiosUuid: null,
  macs: [],
  status: 'deployed',
  ...fields,
});

const seen = (source: string, ago: number, fields: Partial<Observation> = {}): Observation => ({
  source,
  seenAt: daysAgo(ago),
  hostname: null,
  serial: null,
  uuid: null,
  macs: [],
  ips: [],
  vendor: null,
  model: null,
  ...fields,
});

const run = (assets: AssetIdentity[], observations: Observation[]) =>
  reconcile(assets, observations, { asOf: AS_OF, ghostAfterDays: 30, macVendor });

const only = (findings: Finding[], kind: FindingKind) => findings.filter((f) => f.kind === kind);
const kinds = (findings: Finding[]) => findings.map((f) => `${f.kind}:${f.assetTag ?? f.deviceId}`).sort();

describe('lifecycle findings', () => {
  it('matches a deployed asset seen within the window, by serial with confidence 1', () => {
    const result = run([asset('LAP-1', { serial: 'pf3abcde' })], [seen('agent:a1', 2, { serial: 'PF3ABCDE', hostname: 'lap-1' })]);
    expect(kinds(result.findings)).toEqual(['matched:LAP-1']);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ matchedBy: 'serial', confidence: 1, deviceId: 'serial:PF3ABCDE', lastSeen: daysAgo(2).toISOString(), sources: ['agent:a1'], status: 'deployed' });
    expect(finding!.reasons[0]).toBe('serial PF3ABCDE matches asset LAP-1 (confidence 1.0)');
    expect(result.summary).toEqual({ matched: 1, ghost: 0, shadow: 0, zombie: 0, drift: 0, duplicate: 0, conflict: 0, silent: 0 });
  });

  it('calls a deployed asset never seen a ghost, and says what it looked for', () => {
    const result = run([asset('LAP-2', { serial: 'C02XL0GSJGH5', macs: ['00-1A-2B-3C-4D-5E'], name: 'lap-2' })], []);
    expect(kinds(result.findings)).toEqual(['ghost:LAP-2']);
    expect(result.findings[0]!.reasons).toEqual([
      'asset LAP-2 is deployed but no source has ever seen it (looked for serial C02XL0GSJGH5, MAC 00:1a:2b:3c:4d:5e, hostname lap-2)',
    ]);
    expect(result.findings[0]!.identity.macs).toEqual(['00:1a:2b:3c:4d:5e']);
  });

  it('calls a deployed asset last seen before the window a ghost, with when', () => {
    const result = run([asset('LAP-3', { serial: 'SER3' })], [seen('agent:a3', 45, { serial: 'SER3' })]);
    expect(kinds(result.findings)).toEqual(['ghost:LAP-3']);
    expect(result.findings[0]!.lastSeen).toBe(daysAgo(45).toISOString());
    expect(result.findings[0]!.reasons.at(-1)).toMatch(/last seen .* by agent:a3, 45 days before 2026-11-01 \(window 30 days\)/);
  });

  it.each(['planned', 'ordered', 'in_stock', 'in_repair'] as const)('flags %s but seen as drift', (status) => {
    const result = run([asset('A', { serial: 'SER-D', status })], [seen('snmp:sw1', 1, { serial: 'SER-D' })]);
    expect(kinds(result.findings)).toEqual(['drift:A']);
    expect(result.findings[0]!.reasons.at(-1)).toContain(`is ${status} in the register but was seen`);
  });

  it.each(['lost', 'retired', 'disposed'] as const)('flags %s but seen as a zombie', (status) => {
    const result = run([asset('Z', { serial: 'SER-Z', status })], [seen('import:nmap', 3, { serial: 'SER-Z' })]);
    expect(kinds(result.findings)).toEqual(['zombie:Z']);
  });

  it('says nothing about assets that are not deployed and not seen', () => {
    const statuses = ['planned', 'ordered', 'in_stock', 'in_repair', 'lost', 'retired', 'disposed'] as const;
    const result = run(statuses.map((status, i) => asset(`N${i}`, { serial: `SER-N${i}`, status })), [seen('agent:x', 60, { serial: 'SER-N4' })]);
    expect(result.findings).toEqual([]);
  });

  it('flags a silent agent whose device the network still sees, besides matching it', () => {
    const result = run(
      [asset('SRV-1', { serial: 'SRV1SERIAL', macs: ['3c:9c:0f:12:34:56'] })],
      [seen('agent:s1', 40, { serial: 'SRV1SERIAL', macs: ['3c:9c:0f:12:34:56'] }), seen('snmp:core-sw', 1, { macs: ['3C9C.0F12.3456'], ips: ['192.0.2.9'] })],
    );
    expect(kinds(result.findings)).toEqual(['matched:SRV-1', 'silent:SRV-1']);
    const silent = only(result.findings, 'silent')[0]!;
    expect(silent.reasons.at(-1)).toMatch(/agent last reported .*more than 30 days before 2026-11-01, but snmp:core-sw saw it/);
    expect([...silent.sources].sort()).toEqual(['agent:s1', 'snmp:core-sw']);
  });

  it('does not call a device silent that never had an agent', () => {
    const result = run([asset('PRN-1', { macs: ['3c:2a:f4:00:00:01'] })], [seen('snmp:sw', 1, { macs: ['3c:2a:f4:00:00:01'] })]);
    expect(kinds(result.findings)).toEqual(['matched:PRN-1']);
  });

  it('ignores observations after as-of, so a past date reproduces that day', () => {
    const observations = [seen('agent:a', -5, { serial: 'FUTURE1' })];
    expect(kinds(run([asset('F', { serial: 'FUTURE1' })], observations).findings)).toEqual(['ghost:F']);
  });
});

describe('shadows', () => {
  it('lists an unregistered device with its OUI vendor, sources and IPs', () => {
    const result = run([], [seen('snmp:sw1', 1, { macs: ['B8:27:EB:12:34:56'], ips: ['192.0.2.77'] }), seen('arp:agent-7', 4, { macs: ['b8-27-eb-12-34-56'] })]);
    expect(kinds(result.findings)).toEqual(['shadow:mac:b8:27:eb:12:34:56']);
    expect(result.findings[0]).toMatchObject({
      vendor: 'Raspberry Pi Foundation',
      sources: ['snmp:sw1', 'arp:agent-7'],
      identity: { macs: ['b8:27:eb:12:34:56'], ips: ['192.0.2.77'] },
      firstSeen: daysAgo(4).toISOString(),
      lastSeen: daysAgo(1).toISOString(),
      randomizedMac: false,
    });
  });

  it('keeps a device known only by a randomised MAC, flagged, and never matches the register by it', () => {
    const result = run([asset('PHONE', { macs: ['da:a1:19:00:00:01'] })], [seen('arp:a', 1, { macs: ['da:a1:19:00:00:01'] })]);
    expect(kinds(result.findings)).toEqual(['ghost:PHONE', 'shadow:mac:da:a1:19:00:00:01']);
    const shadow = only(result.findings, 'shadow')[0]!;
    expect(shadow.randomizedMac).toBe(true);
    expect(shadow.vendor).toBe('locally administered (randomised or virtual)');
    expect(shadow.reasons.at(-1)).toMatch(/randomised \(locally administered\) MAC da:a1:19:00:00:01/);
  });

  it('forms no device from a sighting whose only MAC is junk', () => {
    for (const mac of ['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:fb', '20:41:53:59:4e:ff']) {
      expect(run([], [seen('arp:a', 1, { macs: [mac], ips: ['192.0.2.1'] })]).findings).toEqual([]);
    }
  });

  it('keys a sighting with only an IP by that IP, joining the one device that has it', () => {
    const result = run([asset('K', { serial: 'KSER' })], [seen('agent:k', 2, { serial: 'KSER', ips: ['192.0.2.5'] }), seen('import:nmap', 1, { ips: ['192.0.2.5'] }), seen('import:nmap', 1, { ips: ['192.0.2.6'] })]);
    expect(kinds(result.findings)).toEqual(['matched:K', 'shadow:ip:192.0.2.6']);
    expect(result.findings.find((f) => f.kind === 'matched')!.sources).toEqual(['agent:k', 'import:nmap']);
  });

  it('joins an IP-only sighting to the one device known by hostname or randomised MAC with that IP, when no strongly identified one has it', () => {
    // The scanning host itself (a VM: no serial, only a locally administered MAC) answers nmap with
    // its IP alone; a phone with a private Wi-Fi MAC is in a router's ARP table and in the scan.
    const result = run(
      [asset('VM-1', { name: 'scanner' })],
      [
        seen('agent:vm', 1, { hostname: 'scanner', macs: ['02:fc:00:00:00:01'], ips: ['192.0.2.2'] }),
        seen('arp:rt-1', 3, { macs: ['7a:11:22:33:44:55'], ips: ['192.0.2.40'] }),
        seen('import:nmap', 1, { ips: ['192.0.2.2'] }),
        seen('import:nmap', 1, { ips: ['192.0.2.40'] }),
      ],
    );
    expect(kinds(result.findings)).toEqual(['matched:VM-1', 'shadow:mac:7a:11:22:33:44:55']);
    expect(result.findings.find((f) => f.kind === 'matched')).toMatchObject({ matchedBy: 'hostname', sources: ['agent:vm', 'import:nmap'] });
    expect(result.findings.find((f) => f.kind === 'shadow')).toMatchObject({ lastSeen: daysAgo(1).toISOString(), sources: ['arp:rt-1', 'import:nmap'], randomizedMac: true });
  });

  it('prefers the strongly identified device for an IP-only sighting, and joins none when several weak ones share the IP', () => {
    const result = run(
      [asset('K', { serial: 'KSER' })],
      [
        seen('agent:k', 2, { serial: 'KSER', ips: ['192.0.2.5'] }),
        seen('arp:rt-1', 2, { macs: ['7a:00:00:00:00:01'], ips: ['192.0.2.5'] }), // a phone that had the address before
        seen('import:nmap', 1, { ips: ['192.0.2.5'] }),
        seen('arp:rt-1', 2, { macs: ['7a:00:00:00:00:02'], ips: ['192.0.2.9'] }),
        seen('arp:rt-1', 3, { macs: ['7a:00:00:00:00:03'], ips: ['192.0.2.9'] }),
        seen('import:nmap', 1, { ips: ['192.0.2.9'] }),
      ],
    );
    expect(result.findings.find((f) => f.kind === 'matched')!.sources).toEqual(['agent:k', 'import:nmap']);
    expect(kinds(only(result.findings, 'shadow'))).toEqual(['shadow:ip:192.0.2.9', 'shadow:mac:7a:00:00:00:00:01', 'shadow:mac:7a:00:00:00:00:02', 'shadow:mac:7a:00:00:00:00:03']);
  });

  it('takes first seen from a folded run of sightings (firstSeenAt), last seen from its latest', () => {
    const result = run(
      [asset('LAP-1', { serial: 'SER-1' })],
      [seen('agent:a', 1, { serial: 'SER-1', firstSeenAt: daysAgo(90) }), seen('snmp:sw', 3, { macs: ['00:1b:21:00:00:07'], serial: 'SER-1' })],
    );
    expect(result.findings[0]).toMatchObject({ kind: 'matched', firstSeen: daysAgo(90).toISOString(), lastSeen: daysAgo(1).toISOString() });
  });

  it('does not report devices last seen before the window', () => {
    expect(run([], [seen('arp:a', 31, { macs: ['b8:27:eb:00:00:01'] })]).findings).toEqual([]);
  });
});

describe('identifier traps', () => {
  it('never matches or merges on junk serials', () => {
    const junk = ['To Be Filled By O.E.M.', 'System Serial Number', 'Default string', '0', '0123456789', 'N/A', '00000000'];
    const observations = junk.map((serial, i) => seen(`agent:j${i}`, 1, { serial, macs: [`00:1b:21:00:00:0${i}`] }));
    const result = run([asset('JUNK', { serial: 'To Be Filled By O.E.M.' })], observations);
    expect(only(result.findings, 'shadow')).toHaveLength(junk.length);
    expect(kinds(result.findings)).toContain('ghost:JUNK');
  });

  it('matches a UUID in either byte order, with confidence 0.9', () => {
    const result = run(
      [asset('VM-1', { smbiosUuid: '564D7A1B-2C3D-4E5F-8A9B-0C1D2E3F4A5B' })],
      [seen('agent:v', 1, { uuid: '1b7a4d56-3d2c-5f4e-8a9b-0c1d2e3f4a5b' })],
    );
    expect(kinds(result.findings)).toEqual(['matched:VM-1']);
    expect(result.findings[0]).toMatchObject({ matchedBy: 'uuid', confidence: 0.9 });
  });

  it.each(['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '03000200-0400-0500-0006-000700080009'])(
    'never matches junk UUID %s',
    (uuid) => {
      const result = run([asset('U', { smbiosUuid: uuid })], [seen('agent:u1', 1, { uuid }), seen('agent:u2', 1, { uuid })]);
      expect(kinds(result.findings)).toEqual(['ghost:U']);
    },
  );

  it('does not use a UUID reported with two different serials (cloned VMs)', () => {
    const uuid = '4c4c4544-0042-3510-8052-b4c04f564e32';
    const result = run(
      [asset('CLONE-A', { serial: 'VMA', smbiosUuid: uuid }), asset('CLONE-B', { serial: 'VMB' }), asset('BY-UUID-ONLY', { smbiosUuid: uuid })],
      [seen('agent:ca', 1, { serial: 'VMA', uuid }), seen('agent:cb', 1, { serial: 'VMB', uuid })],
    );
    expect(kinds(result.findings)).toEqual(['ghost:BY-UUID-ONLY', 'matched:CLONE-A', 'matched:CLONE-B']);
    const clone = result.findings.find((f) => f.assetTag === 'CLONE-A')!;
    expect(clone.matchedBy).toBe('serial');
    expect(clone.identity.uuids).toEqual([]);
    expect(clone.reasons).toContain(`UUID ${uuid} was reported with different serials (VMA, VMB): not used as an identifier`);
  });

  it('matches MACs written in any notation, with confidence 0.8', () => {
    const result = run([asset('PRN', { macs: ['00-1A-2B-3C-4D-5E; 00:1a:2b:3c:4d:5f'] as unknown as string[] })], []);
    expect(kinds(result.findings)).toEqual(['ghost:PRN']); // a register cell must be split before it gets here
    const ok = run([asset('PRN', { macs: ['00-1A-2B-3C-4D-5E'] })], [seen('snmp:sw', 1, { macs: ['001a.2b3c.4d5e'] })]);
    expect(kinds(ok.findings)).toEqual(['matched:PRN']);
    expect(ok.findings[0]).toMatchObject({ matchedBy: 'mac', confidence: 0.8 });
  });

  it('does not use a dock MAC seen with two laptops, and a sighting of only that MAC forms no device', () => {
    const dock = '00:50:b6:aa:bb:cc';
    const result = run(
      [asset('L-A', { serial: 'SA' }), asset('L-B', { serial: 'SB' }), asset('DOCK-USER', { macs: [dock] })],
      [
        seen('agent:la', 2, { serial: 'SA', macs: [dock, '00:1b:21:00:00:0a'] }),
        seen('agent:lb', 1, { serial: 'SB', macs: [dock, '00:1b:21:00:00:0b'] }),
        seen('snmp:sw', 1, { macs: [dock], ips: ['192.0.2.50'] }),
      ],
    );
    expect(kinds(result.findings)).toEqual(['ghost:DOCK-USER', 'matched:L-A', 'matched:L-B']);
    expect(result.findings.find((f) => f.assetTag === 'L-A')!.identity.macs).toEqual(['00:1b:21:00:00:0a']);
  });
});

describe('hostnames', () => {
  it('matches on hostname only without stronger keys and when exactly one asset has it', () => {
    const result = run([asset('WS-7', { name: 'LAB-07' })], [seen('import:dhcp', 1, { hostname: 'lab-07.corp.example.' })]);
    expect(kinds(result.findings)).toEqual(['matched:WS-7']);
    expect(result.findings[0]).toMatchObject({ matchedBy: 'hostname', confidence: 0.5, deviceId: 'host:lab-07' });
  });

  it('says no stronger key is registered only when none is', () => {
    const result = run([asset('WS-7', { name: 'LAB-07' })], [seen('import:dhcp', 1, { hostname: 'lab-07' })]);
    expect(result.findings[0]!.reasons[0]).toBe('no serial, UUID or MAC is registered; hostname lab-07 matches asset WS-7, the only asset with that name (confidence 0.5)');
  });

  it('names a registered MAC ignored for being locally administered, not "no MAC is registered"', () => {
    const result = run([asset('KIOSK-1', { name: 'kiosk', macs: ['02:1B:21:AA:00:01'] })], [seen('import:dhcp', 1, { hostname: 'kiosk', ips: ['192.0.2.5'] })]);
    expect(kinds(result.findings)).toEqual(['matched:KIOSK-1']);
    expect(result.findings[0]!.reasons[0]).toBe(
      'no serial or UUID is registered; the registered MAC 02:1b:21:aa:00:01 was ignored: it is locally administered (randomised or virtual); hostname kiosk matches asset KIOSK-1, the only asset with that name (confidence 0.5)',
    );
  });

  it('says why each stronger key did not count: placeholder serial, cloned UUID, dock MAC, MAC not seen', () => {
    const uuid = '4c4c4544-0042-3510-8052-b4c04f564e32';
    const dock = '00:50:b6:dd:00:01';
    const result = run(
      [asset('LAB-3', { name: 'lab-3', serial: 'To Be Filled By O.E.M.', smbiosUuid: uuid.toUpperCase(), macs: ['00:1b:21:aa:00:03', dock] })],
      [
        seen('agent:x1', 1, { hostname: 'lab-3', serial: 'X1', uuid, macs: [dock] }),
        seen('agent:x2', 1, { hostname: 'other', serial: 'X2', uuid, macs: [dock] }),
      ],
    );
    expect(result.findings.find((f) => f.kind === 'matched')!.reasons[0]).toBe(
      'the registered serial "To Be Filled By O.E.M." is a placeholder, not an identifier; ' +
        `the registered UUID ${uuid} was ignored: several machines report it (clones); ` +
        'the registered MAC 00:1b:21:aa:00:03 was not seen on the device; ' +
        `the registered MAC ${dock} was ignored: several machines report it (a dock or USB adapter); ` +
        'hostname lab-3 matches asset LAB-3, the only asset with that name (confidence 0.5)',
    );
  });

  it('says a registered serial and UUID were not reported by a device known only by its name', () => {
    const result = run([asset('LAB-4', { name: 'lab-4', serial: 'reg4', smbiosUuid: '11111111-2222-4333-8444-555555555555' })], [seen('import:dhcp', 1, { hostname: 'lab-4' })]);
    expect(result.findings[0]!.reasons[0]).toBe(
      'no MAC is registered; the registered serial REG4 was not reported by the device; the registered UUID 11111111-2222-4333-8444-555555555555 was not reported by the device; hostname lab-4 matches asset LAB-4, the only asset with that name (confidence 0.5)',
    );
  });

  it('does not match a hostname that two assets carry', () => {
    const result = run([asset('A1', { name: 'printer' }), asset('A2', { name: 'printer' })], [seen('import:dhcp', 1, { hostname: 'printer' })]);
    expect(kinds(result.findings)).toEqual(['ghost:A1', 'ghost:A2', 'shadow:host:printer']);
    expect(only(result.findings, 'shadow')[0]!.reasons).toContain('hostname printer is carried by 2 assets (A1, A2): too ambiguous to match');
  });

  it('does not match a hostname when the serials disagree', () => {
    const result = run([asset('A1', { name: 'lab-1', serial: 'REGISTERED' })], [seen('agent:x', 1, { hostname: 'lab-1', serial: 'OTHER' })]);
    expect(kinds(result.findings)).toEqual(['ghost:A1', 'shadow:serial:OTHER']);
  });

  it('joins a hostname-only sighting to the one device with that hostname', () => {
    const result = run([asset('L', { serial: 'S1' })], [seen('agent:l', 10, { serial: 'S1', hostname: 'lap-9' }), seen('import:dhcp', 1, { hostname: 'LAP-9' })]);
    expect(kinds(result.findings)).toEqual(['matched:L']);
    expect(result.findings[0]).toMatchObject({ sources: ['agent:l', 'import:dhcp'], lastSeen: daysAgo(1).toISOString() });
  });
});

describe('duplicates and conflicts', () => {
  it('reports two assets with one serial as a duplicate, tied to the device that has it', () => {
    const result = run([asset('D1', { serial: 'DUP' }), asset('D2', { serial: 'dup' })], [seen('agent:d', 1, { serial: 'DUP' })]);
    expect(kinds(result.findings)).toEqual(['duplicate:serial:DUP', 'matched:D1', 'matched:D2']);
    const duplicate = only(result.findings, 'duplicate')[0]!;
    expect(duplicate.assetTags).toEqual(['D1', 'D2']);
    expect(duplicate.reasons[0]).toBe('assets D1, D2 share serial DUP');
  });

  it('reports a register duplicate even when nothing was seen', () => {
    const result = run([asset('D1', { serial: 'DUP' }), asset('D2', { serial: 'DUP' })], []);
    expect(only(result.findings, 'duplicate')).toHaveLength(1);
    expect(only(result.findings, 'duplicate')[0]!.deviceId).toBeNull();
  });

  it('reports a device whose serial and MAC name different assets as a conflict, not a guess', () => {
    const result = run(
      [asset('A', { serial: 'SER-A' }), asset('B', { macs: ['00:1b:21:00:00:0b'] })],
      [seen('agent:c', 1, { serial: 'SER-A', macs: ['00:1b:21:00:00:0b'] })],
    );
    expect(kinds(result.findings)).toEqual(['conflict:serial:SER-A', 'ghost:A', 'ghost:B']);
    const conflict = only(result.findings, 'conflict')[0]!;
    expect(conflict.assetTags).toEqual(['A', 'B']);
    expect(conflict.reasons[0]).toBe('identifiers of one device point at different assets: serial SER-A → A; mac 00:1b:21:00:00:0b → B');
    // Ghosts, since no device is theirs, but not "never seen": the reason names the device.
    expect(only(result.findings, 'ghost').map((f) => f.reasons)).toEqual([
      [`asset A is deployed but no device could be matched to it: device serial:SER-A, last seen ${daysAgo(1).toISOString()} by agent:c, carries identifiers of it and of B (a conflict)`],
      [`asset B is deployed but no device could be matched to it: device serial:SER-A, last seen ${daysAgo(1).toISOString()} by agent:c, carries identifiers of it and of A (a conflict)`],
    ]);
  });

  it('matches when every identifier agrees on one asset and names the agreeing ones', () => {
    const result = run([asset('A', { serial: 'SER-A', macs: ['00:1b:21:00:00:0a'] })], [seen('agent:c', 1, { serial: 'SER-A', macs: ['00:1b:21:00:00:0a'] })]);
    expect(result.findings[0]!.reasons.slice(0, 2)).toEqual(['serial SER-A matches asset A (confidence 1.0)', 'also agrees: mac 00:1b:21:00:00:0a → A']);
  });

  it('lists every agreeing identifier, strongest first, when an asset has more than a serial and a MAC', () => {
    const uuid = '4c4c4544-0042-3510-8052-b4c04f564e32';
    const macs = ['00:1b:21:00:00:0a', '00:1b:21:00:00:0b', '00:1b:21:00:00:0c'];
    const result = run([asset('A', { serial: 'SER-A', smbiosUuid: uuid, macs })], [seen('agent:c', 1, { serial: 'SER-A', uuid, macs })]);
    expect(result.findings[0]!.reasons.slice(0, 5)).toEqual([
      'serial SER-A matches asset A (confidence 1.0)',
      `also agrees: uuid ${uuid} → A`,
      ...macs.map((mac) => `also agrees: mac ${mac} → A`),
    ]);
  });
});

describe('output', () => {
  it('has the documented shape', () => {
    const result = run([asset('LAP-1', { serial: 'SER-1' })], [seen('agent:a', 1, { serial: 'SER-1', ips: ['192.0.2.3'] })]);
    expect(Object.keys(result).sort()).toEqual(['asOf', 'findings', 'ghostAfterDays', 'summary']);
    expect(result.asOf).toBe(AS_OF.toISOString());
    expect(result.ghostAfterDays).toBe(30);
    expect(Object.keys(result.findings[0]!)).toEqual(
      expect.arrayContaining(['kind', 'assetTag', 'assetTags', 'deviceId', 'matchedBy', 'confidence', 'lastSeen', 'sources', 'identity', 'vendor', 'reasons']),
    );
    expect(result.findings[0]!.identity).toEqual({ serials: ['SER-1'], uuids: [], macs: [], hostnames: [], ips: ['192.0.2.3'], switchPorts: [] });
  });

  it('says which switch port an unregistered device is on, merging ARP and forwarding-table sightings', () => {
    const result = run(
      [],
      [
        seen('snmp:rt-1', 1, { macs: ['b8:27:eb:12:34:56'], ips: ['10.20.0.50'] }),
        seen('snmp:sw-3', 1, { macs: ['b8:27:eb:12:34:56'], switchPort: 'sw-3 Gi1/0/12 (VLAN 10)' }),
      ],
    );
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ kind: 'shadow', identity: { ips: ['10.20.0.50'], switchPorts: ['sw-3 Gi1/0/12 (VLAN 10)'] } });
    expect(result.findings[0]!.reasons).toContain('on switch port sw-3 Gi1/0/12 (VLAN 10)');
  });
});
