import { randomUUID } from 'node:crypto';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, type Frame, type Inventory } from '@rollcall/protocol';
import WebSocket from 'ws';

/**
 * Reports one inventory the way a real agent does (Hello → Welcome → Inventory → Ack) over a
 * real WebSocket, for fleets of endpoints a test cannot run agents on.
 */
export async function reportInventory(agentUrl: string, token: string, inventory: Inventory): Promise<string> {
  const agentId = randomUUID();
  const ws = new WebSocket(agentUrl);
  const frames: Frame[] = [];
  let wake: (() => void) | undefined;
  ws.on('message', (data) => {
    frames.push(decodeFrame(data as Buffer));
    wake?.();
  });
  const next = async () => {
    while (frames.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return frames.shift()!;
  };
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(encodeFrame({ seq: 1, kind: 'hello', hello: { agentId, agentVersion: 'fleet-sim', protocolVersion: PROTOCOL_VERSION, enrollToken: token } }));
  const welcome = await next();
  if (welcome.kind !== 'welcome') throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
  ws.send(encodeFrame({ seq: 2, kind: 'inventory', inventory: { collectedAtMs: Date.now(), ...inventory } }));
  const ack = await next();
  if (ack.kind !== 'ack') throw new Error(`expected ack, got ${JSON.stringify(ack)}`);
  ws.close();
  return agentId;
}
