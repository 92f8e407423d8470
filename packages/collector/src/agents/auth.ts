import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Hello } from '@rollcall/protocol';
import { RollcallError } from '../errors.ts';
import type { Store } from '../store/store.ts';

export const ENROLL_TOKEN_SETTING = 'enroll_token';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

function sameSecret(a: string, b: string): boolean {
  // Compare digests so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** $ROLLCALL_ENROLL_TOKEN if set, else the token generated on this database's first start. */
export async function resolveEnrollToken(store: Store, fromEnv = process.env.ROLLCALL_ENROLL_TOKEN): Promise<string> {
  if (fromEnv) return fromEnv;
  return store.settingOrInit(ENROLL_TOKEN_SETTING, randomBytes(18).toString('base64url'));
}

/**
 * Checks a Hello's credential. A known agent proves itself with the key it was given; anyone with
 * the enrollment token may enroll (or re-enroll) and receives a fresh key, returned here.
 */
export async function authenticate(store: Store, hello: Hello, enrollToken: string, now: Date): Promise<{ newKey?: string }> {
  const agentId = hello.agentId ?? '';
  const fields = { agentVersion: hello.agentVersion ?? '', platform: hello.platform ?? '', hostname: hello.hostname ?? '', now };
  if (hello.agentKey) {
    const agent = await store.agent(agentId);
    if (!agent || !sameSecret(hashKey(hello.agentKey), agent.keyHash)) {
      throw new RollcallError('UNAUTHENTICATED', `agent key not recognised for agent ${agentId}; re-enroll it with the enrollment token`);
    }
    await store.touchAgent(agentId, fields);
    return {};
  }
  if (hello.enrollToken && sameSecret(hello.enrollToken, enrollToken)) {
    const newKey = randomBytes(32).toString('base64url');
    await store.enrollAgent({ id: agentId, keyHash: hashKey(newKey), ...fields });
    return { newKey };
  }
  throw new RollcallError(
    'UNAUTHENTICATED',
    hello.enrollToken
      ? 'enrollment token rejected: it does not match this collector\'s token (printed by `rollcall serve`, or $ROLLCALL_ENROLL_TOKEN)'
      : 'no credential: send the enrollment token on first contact',
  );
}
