import { readFileSync } from 'node:fs';
import { expandTargets, TargetError, type SweepTarget } from '@rollcall/discovery';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';

/** What to sweep and how: a targets file (`--targets FILE`, `serve --discovery-targets FILE`) or an API request. */
export const SweepRequestSchema = z
  .object({
    targets: z
      .array(
        z
          .object({
            range: z.string().min(1),
            communities: z.array(z.string().min(1)).min(1),
            port: z.number().int().min(1).max(65_535).optional(),
            version: z.enum(['1', '2c']).optional(),
          })
          .strict(),
      )
      .min(1),
    timeoutMs: z.number().int().min(50).max(60_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    concurrency: z.number().int().min(1).max(1024).optional(),
    /** For scheduled sweeps (serve): a cron expression; default nightly. */
    schedule: z.string().optional(),
  })
  .strict();

export type SweepRequest = z.infer<typeof SweepRequestSchema>;

const EXAMPLE = '{"targets": [{"range": "10.1.0.0/24", "communities": ["public"]}], "timeoutMs": 2000, "retries": 1, "concurrency": 32}';

/** Validates a sweep request; errors name the field, never echo a community string. */
export function parseSweepRequest(json: unknown, origin: string): SweepRequest {
  const parsed = SweepRequestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new RollcallError('BAD_INPUT', `${origin} is not a valid sweep: ${problems.join('; ')}. Expected e.g. ${EXAMPLE}`);
  }
  checkRanges(parsed.data.targets, origin);
  return parsed.data;
}

/**
 * Expands the ranges now, so that one which is no range or too large to sweep is refused with
 * the request, naming it, rather than failing the sweep later.
 */
function checkRanges(targets: SweepTarget[], origin: string): void {
  const refuse = (error: unknown, where: string): never => {
    if (!(error instanceof TargetError)) throw error;
    throw new RollcallError('BAD_INPUT', `${origin} is not a valid sweep: ${where}${error.message}`, { cause: error });
  };
  targets.forEach((target, i) => {
    try {
      expandTargets([target]);
    } catch (error) {
      refuse(error, `targets[${i}].range: `);
    }
  });
  try {
    expandTargets(targets); // each range may be small enough, and all of them together not
  } catch (error) {
    refuse(error, '');
  }
}

export function readTargetsFile(path: string): SweepRequest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new RollcallError('BAD_INPUT', `cannot read the targets file ${path}: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new RollcallError('BAD_INPUT', `the targets file ${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parseSweepRequest(json, `the targets file ${path}`);
}

/** Targets as they may be shown or logged: every community replaced by a count. */
export function redactTargets(targets: SweepTarget[]): { range: string; communities: string; port?: number; version?: string }[] {
  return targets.map((t) => ({ ...t, communities: `${t.communities.length} hidden` }));
}
