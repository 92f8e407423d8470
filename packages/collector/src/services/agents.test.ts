import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, type Hello } from '@rollcall/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRollcallError } from '../errors.ts';
import { createStores, type Stores } from '../store/index.ts';
import { databasePerSuite, testBackends } from '../testing/index.ts';
import { createServices, type Services } from './index.ts';

const TOKEN = 'agents-test-token';
const hello = (fields: Partial<Hello>): Hello => ({ agentId: randomUUID(), agentVersion: '1.0', platform: 'linux', hostname: 'lt-1', protocolVersion: PROTOCOL_VERSION, ...fields });

/** What a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// The agents' socket only decodes frames: who may connect and what is kept is decided here.
describe.each(testBackends())('AgentService on $name', (backend) => {
  const suite = databasePerSuite(backend);
  let stores: Stores;
  let services: Services;

  beforeAll(() => {
    if (!backend.available) return;
    stores = createStores(suite.database.db);
    services = createServices(suite.database.db, stores);
  });

  it.skipIf(!backend.available)('generates the enrollment token once per database, unless the environment gives one', async () => {
    const first = await services.agents.enrollToken('');
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await createServices(suite.database.db).agents.enrollToken('')).toBe(first);
    expect(await services.agents.enrollToken('from-env')).toBe('from-env');
  });

  it.skipIf(!backend.available)('enrolls with the token, then knows the agent by its key and tells it where to resume', async () => {
    const enrolling = hello({ enrollToken: TOKEN });
    const enrolled = await services.agents.authenticate(enrolling, TOKEN, new Date('2026-05-01T00:00:00Z'));
    expect(enrolled).toEqual({ newKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), lastCommittedSeq: 0 });

    const at = new Date('2026-05-02T00:00:00Z');
    await services.agents.ingestMetrics({ agentId: enrolling.agentId!, seq: 4, receivedAt: at, metrics: { startMs: at.getTime(), endMs: at.getTime(), samples: 1 } });
    const back = await services.agents.authenticate(hello({ agentId: enrolling.agentId, agentKey: enrolled.newKey, hostname: 'lt-1-renamed' }), TOKEN, at);
    expect(back).toEqual({ lastCommittedSeq: 4 });
    expect(await services.agents.get(enrolling.agentId!)).toMatchObject({ hostname: 'lt-1-renamed', lastSeq: 4, lastSeen: at });
  });

  it.skipIf(!backend.available)('refuses a wrong key or token as UNAUTHENTICATED, enrolling nobody', async () => {
    const now = new Date();
    for (const credential of [{ agentKey: 'not-the-key' }, { enrollToken: 'wrong' }, {}]) {
      const refused = hello(credential);
      const error = await rejection(services.agents.authenticate(refused, TOKEN, now));
      expect(isRollcallError(error) && error.code).toBe('UNAUTHENTICATED');
      expect(await stores.agents.get(refused.agentId!)).toBeUndefined();
    }
  });

  it.skipIf(!backend.available)('sorts agents a refresh could not reach into offline and unknown, in their order', async () => {
    const now = new Date();
    const [a, b] = [randomUUID(), randomUUID()];
    for (const id of [a, b]) await stores.agents.enroll({ id, keyHash: 'h', agentVersion: '1', platform: 'linux', hostname: id, now });
    expect(await services.agents.sortUnreached(['typo', b, 'other', a, b])).toEqual({ notConnected: [b, a, b], unknown: ['typo', 'other'] });
    expect(await services.agents.sortUnreached([])).toEqual({ notConnected: [], unknown: [] });
  });

  it.skipIf(!backend.available)('stores a partial inventory applied to the last full one, and a replay once', async () => {
    const agentId = randomUUID();
    await stores.agents.enroll({ id: agentId, keyHash: 'h', agentVersion: '1', platform: 'linux', hostname: 'lt-9', now: new Date() });
    const receivedAt = new Date();
    const full = { hostname: 'lt-9', system: { serial: 'SN9' }, software: [{ name: 'vim', version: '9.0' }] };
    expect(await services.agents.ingestInventory({ agentId, seq: 1, receivedAt, frameBytes: 10, inventory: full })).toMatchObject({ duplicate: false });
    const delta = { partial: true, sections: ['software'], software: [{ name: 'vim', version: '9.1' }] };
    expect(await services.agents.ingestInventory({ agentId, seq: 2, receivedAt, frameBytes: 5, inventory: delta })).toMatchObject({ duplicate: false });
    expect(await services.agents.ingestInventory({ agentId, seq: 2, receivedAt, frameBytes: 5, inventory: delta })).toMatchObject({ duplicate: true });
    expect((await stores.inventories.latest(agentId))?.snapshot).toMatchObject({ hostname: 'lt-9', system: { serial: 'SN9' }, software: [{ name: 'vim', version: '9.1' }] });
    expect(await stores.inventories.fullness(agentId)).toEqual([true, false]);
  });
});
