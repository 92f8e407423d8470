import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { applyInventoryDelta, inventoryToObject, type DiscoveryReport, type Hello, type Inventory, type MetricsBatch } from '@rollcall/protocol';
import { RollcallError } from '../errors.ts';
import type { AgentRow } from '../store/agents.ts';
import type { Stores } from '../store/index.ts';
import { deviceFields, inventoryObservation, metricsRecord, neighbourObservations } from './agent-reports.ts';
import type { DiscoveryService } from './discovery.ts';
import { MetricsWriter, type MetricsWriterOptions } from './metrics-writer.ts';

export type { AgentRow };

const ENROLL_TOKEN_SETTING = 'enroll_token';

const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

function sameSecret(a: string, b: string): boolean {
  // Compare digests so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** A frame an agent sent after its Hello, with what the socket knows about it. */
interface Received {
  agentId: string;
  seq: number;
  receivedAt: Date;
}

/**
 * The agents: who may connect (enrollment, keys), what they report (inventories, usage, discovery
 * results, each stored once however often it is sent), and who they are. The WebSocket hub
 * decodes frames and calls this; the HTTP API and the CLI list agents through it.
 */
export class AgentService {
  private readonly metricsWriter: MetricsWriter;

  constructor(
    private readonly stores: Pick<Stores, 'agents' | 'settings' | 'inventories' | 'metrics'>,
    private readonly discovery: Pick<DiscoveryService, 'recordAgentReport'>,
    metricsWriter: MetricsWriterOptions = {},
  ) {
    // Usage batches from all agents are written together (group commit): see MetricsWriter.
    this.metricsWriter = new MetricsWriter(stores.metrics, metricsWriter);
  }

  /** $ROLLCALL_ENROLL_TOKEN if set, else the token generated on this database's first start. */
  async enrollToken(fromEnv = process.env.ROLLCALL_ENROLL_TOKEN): Promise<string> {
    if (fromEnv) return fromEnv;
    return this.stores.settings.getOrInit(ENROLL_TOKEN_SETTING, randomBytes(18).toString('base64url'));
  }

  /**
   * Checks a Hello's credential. A known agent proves itself with the key it was given; anyone with
   * the enrollment token may enroll (or re-enroll) and receives a fresh key, returned here. Also
   * returns the last sequence number committed for the agent, from which it resends.
   */
  async authenticate(hello: Hello, enrollToken: string, now: Date): Promise<{ newKey?: string; lastCommittedSeq: number }> {
    const agentId = hello.agentId ?? '';
    const fields = { agentVersion: hello.agentVersion ?? '', platform: hello.platform ?? '', hostname: hello.hostname ?? '', now };
    let newKey: string | undefined;
    if (hello.agentKey) {
      const agent = await this.stores.agents.get(agentId);
      if (!agent || !sameSecret(hashKey(hello.agentKey), agent.keyHash)) {
        throw new RollcallError('UNAUTHENTICATED', `agent key not recognised for agent ${agentId}; re-enroll it with the enrollment token`);
      }
      await this.stores.agents.touch(agentId, fields);
    } else if (hello.enrollToken && sameSecret(hello.enrollToken, enrollToken)) {
      newKey = randomBytes(32).toString('base64url');
      await this.stores.agents.enroll({ id: agentId, keyHash: hashKey(newKey), ...fields });
    } else {
      throw new RollcallError(
        'UNAUTHENTICATED',
        hello.enrollToken
          ? 'enrollment token rejected: it does not match this collector\'s token (printed by `rollcall serve`, or $ROLLCALL_ENROLL_TOKEN)'
          : 'no credential: send the enrollment token on first contact',
      );
    }
    const lastCommittedSeq = (await this.stores.agents.get(agentId))?.lastSeq ?? 0;
    return { ...(newKey === undefined ? {} : { newKey }), lastCommittedSeq };
  }

  /**
   * Stores an inventory once (a replayed sequence number writes nothing: `duplicate`). A partial
   * report carries only the sections that changed: it is applied to the last full picture, so
   * what is stored (and reconciled) is always complete.
   */
  async ingestInventory(frame: Received & { inventory: Inventory; frameBytes: number }): Promise<{ duplicate: boolean }> {
    let inventory = frame.inventory;
    const full = !inventory.partial;
    if (!full) {
      const base = (await this.stores.inventories.latest(frame.agentId))?.snapshot;
      if (base) inventory = applyInventoryDelta(base as Inventory, inventory);
    }
    const collectedAtMs = Number(inventory.collectedAtMs ?? 0);
    return this.stores.inventories.record({
      agentId: frame.agentId,
      seq: frame.seq,
      full,
      device: deviceFields(inventory),
      collectedAt: collectedAtMs > 0 ? new Date(collectedAtMs) : null,
      receivedAt: frame.receivedAt,
      frameBytes: frame.frameBytes,
      snapshot: inventoryToObject(inventory),
      observations: [inventoryObservation(frame.agentId, inventory, frame.receivedAt), ...neighbourObservations(frame.agentId, inventory, frame.receivedAt)],
    });
  }

  /**
   * Stores a usage batch once, resolving when it is committed. BAD_INPUT, naming the field, for a
   * value no column holds: that batch is refused alone rather than failing the others written with it.
   */
  async ingestMetrics(frame: Received & { metrics: MetricsBatch }): Promise<{ duplicate: boolean }> {
    return this.metricsWriter.write(metricsRecord(frame));
  }

  /** Stores one frame of the discovery job an agent was given. */
  ingestDiscovery(agentId: string, report: DiscoveryReport): Promise<void> {
    return this.discovery.recordAgentReport(agentId, report);
  }

  /** Commits every usage batch received so far (before the database closes). */
  flush(): Promise<void> {
    return this.metricsWriter.flush();
  }

  list(): Promise<AgentRow[]> {
    return this.stores.agents.list();
  }

  get(id: string): Promise<AgentRow | undefined> {
    return this.stores.agents.get(id);
  }

  /** How many agents reported usage since `since`. */
  countReportingSince(since: Date): Promise<number> {
    return this.stores.metrics.countAgentsSince(since);
  }

  /** Agents a refresh could not reach, in their order: enrolled ones (offline now), and ids never enrolled. */
  async sortUnreached(ids: readonly string[]): Promise<{ notConnected: string[]; unknown: string[] }> {
    const enrolled = await this.stores.agents.enrolled(ids);
    return { notConnected: ids.filter((id) => enrolled.has(id)), unknown: ids.filter((id) => !enrolled.has(id)) };
  }
}
