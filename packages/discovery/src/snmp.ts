import snmp from 'snmp-native';
import { withDefaults } from './defaults.ts';

/** Where to reach one SNMP agent, and how to talk to it. */
export interface SnmpTarget {
  host: string;
  port?: number;
  community: string;
  /** SNMP version: v1 walks with GetNext, v2c with GetBulk. Default '2c'. */
  version?: '1' | '2c';
}

export interface SnmpOptions {
  /** How long to wait for each answer. */
  timeoutMs?: number;
  /** Retransmissions after the first try; a host that never answers costs timeoutMs × (retries + 1). */
  retries?: number;
  /** A table longer than this is cut short (and reported as truncated) instead of walked for ever. */
  maxRows?: number;
  /** Rows asked for per GetBulk request. */
  maxRepetitions?: number;
}

/** One value from an SNMP answer. `raw` holds the value's bytes (MACs come as octet strings). */
export interface Varbind {
  oid: number[];
  type: number;
  value: unknown;
  raw: Buffer;
}

/** The agent did not answer in time: down, filtered, or a wrong community (v1/v2c agents stay silent then). */
export class SnmpTimeoutError extends Error {
  override readonly name = 'SnmpTimeoutError';
}

/** The agent answered with an SNMP error status, or with something that breaks the walk's rules. */
export class SnmpResponseError extends Error {
  override readonly name = 'SnmpResponseError';
}

export const DEFAULT_SNMP_OPTIONS: Required<SnmpOptions> = { timeoutMs: 2000, retries: 1, maxRows: 100_000, maxRepetitions: 32 };

const T = snmp.DataTypes;
const GET_BULK = 5; // PDU type GetBulkRequest, which snmp-native has no helper for
const END_OF_WALK = new Set<number>([T.EndOfMibView, T.NoSuchObject, T.NoSuchInstance]);

export const parseOid = (oid: string): number[] => oid.replace(/^\./, '').split('.').map(Number);
const startsWith = (oid: number[], root: number[]) => oid.length > root.length && root.every((n, i) => oid[i] === n);
const after = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return a.length > b.length;
};

/** A walk that stopped early: the rows read so far are kept. */
export interface WalkResult {
  rows: Varbind[];
  truncated: boolean;
}

/**
 * One SNMP agent, over snmp-native's UDP session. Answers that do not parse are dropped (the
 * request then times out) instead of crashing the process; walks refuse OIDs that do not increase,
 * so a broken agent cannot loop us for ever, and stop at `maxRows`.
 */
export class SnmpClient {
  private readonly session: snmp.Session;
  private readonly options: typeof DEFAULT_SNMP_OPTIONS;
  private readonly version: number;

  constructor(
    readonly target: SnmpTarget,
    options: SnmpOptions = {},
  ) {
    this.options = withDefaults(DEFAULT_SNMP_OPTIONS, options);
    this.version = target.version === '1' ? snmp.Versions.SNMPv1 : snmp.Versions.SNMPv2c;
    this.session = new snmp.Session({
      host: target.host,
      port: target.port ?? 161,
      community: target.community,
      family: target.host.includes(':') ? 'udp6' : 'udp4',
      timeouts: Array.from({ length: this.options.retries + 1 }, () => this.options.timeoutMs),
    });
    // snmp-native emits 'error' for packets it cannot parse; without a listener that would throw.
    (this.session as unknown as NodeJS.EventEmitter).on('error', () => {});
  }

  /** Reads single values; a missing one comes back with type noSuchObject/noSuchInstance. */
  async get(oids: string[]): Promise<Varbind[]> {
    const rows: Varbind[] = [];
    for (let i = 0; i < oids.length; i += 16) {
      const pkt = this.packet(snmp.PduTypes.GetRequestPDU, oids.slice(i, i + 16).map(parseOid));
      rows.push(...(await this.send(pkt)));
    }
    return rows;
  }

  /** Every value under `root` (GetBulk on v2c, GetNext on v1). */
  async walk(root: string): Promise<WalkResult> {
    const rootOid = parseOid(root);
    const rows: Varbind[] = [];
    let cursor = rootOid;
    for (;;) {
      const pkt =
        this.version === snmp.Versions.SNMPv1
          ? this.packet(snmp.PduTypes.GetNextRequestPDU, [cursor])
          : this.packet(GET_BULK, [cursor], this.options.maxRepetitions);
      let answer: Varbind[];
      try {
        answer = await this.send(pkt);
      } catch (error) {
        // v1 agents end a walk with the noSuchName error status.
        if (this.version === snmp.Versions.SNMPv1 && error instanceof SnmpResponseError && /NoSuchName/.test(error.message)) return { rows, truncated: false };
        throw error;
      }
      if (answer.length === 0) return { rows, truncated: false };
      for (const vb of answer) {
        if (END_OF_WALK.has(vb.type) || !startsWith(vb.oid, rootOid)) return { rows, truncated: false };
        if (!after(vb.oid, cursor)) throw new SnmpResponseError(`${this.target.host} answered a walk of ${root} with an OID that does not increase (${vb.oid.join('.')})`);
        rows.push(vb);
        cursor = vb.oid;
        if (rows.length >= this.options.maxRows) return { rows, truncated: true };
      }
    }
  }

  close(): void {
    try {
      this.session.close();
    } catch {
      // already closed
    }
  }

  private packet(type: number, oids: number[][], maxRepetitions = 0) {
    const pkt = new (snmp as unknown as { Packet: new () => SnmpPacket }).Packet();
    pkt.version = this.version;
    pkt.community = this.target.community;
    pkt.pdu.type = type;
    // GetBulk reuses the error fields: non-repeaters, then max-repetitions.
    pkt.pdu.error = 0;
    pkt.pdu.errorIndex = maxRepetitions;
    pkt.pdu.varbinds = oids.map((oid) => ({ oid, type: T.Null, value: null }));
    return pkt;
  }

  private send(pkt: SnmpPacket): Promise<Varbind[]> {
    return new Promise((resolve, reject) => {
      (this.session as unknown as { sendMsg: (p: SnmpPacket, o: object, cb: (e: Error | null, v: RawVarbind[]) => void) => void }).sendMsg(pkt, {}, (error, varbinds) => {
        if (!error) resolve(varbinds.map((vb) => ({ oid: vb.oid, type: vb.type, value: vb.value, raw: vb.valueRaw ?? Buffer.alloc(0) })));
        else if (error.message === 'Timeout') reject(new SnmpTimeoutError(`${this.target.host}:${this.target.port ?? 161} did not answer (timeout ${this.options.timeoutMs} ms × ${this.options.retries + 1} tries)`));
        else if (error.message === 'Cancelled') reject(new SnmpTimeoutError(`the request to ${this.target.host} was cancelled`));
        else reject(new SnmpResponseError(`${this.target.host} answered with an error: ${error.message}`));
      });
    });
  }
}

interface SnmpPacket {
  version: number;
  community: string;
  pdu: { type: number; reqid: number; error: number; errorIndex: number; varbinds: { oid: number[]; type: number; value: unknown }[] };
}
interface RawVarbind {
  oid: number[];
  type: number;
  value: unknown;
  valueRaw?: Buffer;
}
