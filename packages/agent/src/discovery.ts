import type { DiscoveryJob } from '@rollcall/protocol';
import type { Logger } from './log.ts';
import type { Uplink } from './uplink.ts';

/**
 * Runs an SNMP sweep the collector assigned to this agent (a branch LAN the collector cannot
 * reach) and sends each walked device as soon as it is done, then a summary. The discovery code
 * is loaded only when a job arrives; the job's community strings stay in memory, never on disk
 * or in logs (only the results go through the spool).
 */
export async function runDiscoveryJob(uplink: Uplink, job: DiscoveryJob, log: Logger): Promise<void> {
  const { jobFromWire, sweep, walkToWire } = await import('@rollcall/discovery');
  const { jobId, targets, options } = jobFromWire(job);
  log.info({ jobId, ranges: targets.map((t) => t.range) }, 'discovery job started');
  const sent: Promise<number>[] = [];
  try {
    const summary = await sweep(targets, { ...options, onDevice: (walk) => sent.push(uplink.send({ kind: 'discovery', discovery: { jobId, device: walkToWire(walk) } })) });
    log.info({ jobId, addresses: summary.addresses, responded: summary.responded, timedOut: summary.timedOut }, 'discovery job done');
    sent.push(
      uplink.send({
        kind: 'discovery',
        discovery: {
          jobId,
          summary: {
            addresses: summary.addresses,
            responded: summary.responded,
            timedOut: summary.timedOut,
            failed: summary.failed.map((f) => `${f.address}: ${f.error}`),
            durationMs: Math.round(summary.durationMs),
          },
        },
      }),
    );
  } catch (error) {
    log.warn({ jobId, err: (error as Error).message }, 'discovery job failed');
    sent.push(uplink.send({ kind: 'discovery', discovery: { jobId, summary: { error: (error as Error).message } } }));
  }
  await Promise.all(sent);
}
