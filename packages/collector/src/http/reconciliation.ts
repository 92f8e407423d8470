import { Hono } from 'hono';
import { z } from 'zod';
import { RollcallError } from '../errors.ts';
import type { ReconcileRequest } from '../services/reconciliation.ts';
import type { Services } from '../services/index.ts';
import { parseAsOf, parseDays, parseKinds, parseLimit, parseSwitch } from '../services/params.ts';
import { QUERY, type Spelling } from '../spelling.ts';
import { jsonBody } from './body.ts';
import { spellingFor } from './spelling.ts';

/** The body of POST /runs: the GET's query parameters as JSON, every one optional. */
const RunBody = z
  .object({
    asOf: z.string().optional(),
    ghostAfter: z.union([z.string(), z.number().int()]).optional(),
    kind: z.union([z.string(), z.array(z.string())]).optional(),
    new: z.boolean().optional(),
  })
  .strict();

/**
 * Reconciliation: GET reads a report and writes nothing; POST /runs records one, which becomes the
 * baseline that later reports (and `new`) compare with.
 */
export function reconciliationRoutes({ reconciliation }: Services) {
  const routes = new Hono();

  /** A report as of now (or `asOf`), compared with the last recorded run: `?asOf=ISO&ghostAfter=30d&kind=ghost,shadow&new=true`. Records nothing. */
  routes.get('/', async (c) => {
    const spell = spellingFor(c.req.raw);
    return c.json(
      await reconciliation.run({
        asOf: parseAsOf(c.req.query('asOf'), spell),
        ghostAfterDays: parseDays(c.req.query('ghostAfter') ?? '30d', spell('ghostAfter')),
        kinds: parseKinds(c.req.queries('kind')),
        onlyNew: parseSwitch(c.req.query('new'), spell('new')),
      }),
    );
  });

  /** Records a run (`{"asOf"?, "ghostAfter"?: "30d", "kind"?: ["shadow"], "new"?: true}`, or no body): 201 and its report, with its runId. */
  routes.post('/runs', async (c) => {
    const request = await runRequest(c.req.raw);
    return c.json(await reconciliation.run({ ...request, record: true }), 201);
  });

  /** The recorded runs, newest first: `?limit=20` (1 to 1000). */
  routes.get('/runs', async (c) => c.json({ runs: await reconciliation.history(parseLimit(c.req.query('limit'), 20, 1000, QUERY)) }));

  return routes;
}

/** What a POST /runs asks for; an empty body takes every default (as of now, 30 days). */
async function runRequest(raw: Request): Promise<Omit<ReconcileRequest, 'record'>> {
  const spell: Spelling = spellingFor(raw);
  const empty = (await raw.clone().text()).trim() === '';
  const parsed = RunBody.safeParse(empty ? {} : await jsonBody(raw));
  if (!parsed.success) {
    throw new RollcallError('BAD_INPUT', `invalid reconciliation run: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  }
  const body = parsed.data;
  const ghostAfter = typeof body.ghostAfter === 'number' ? `${body.ghostAfter}d` : (body.ghostAfter ?? '30d');
  return {
    asOf: parseAsOf(body.asOf, spell),
    ghostAfterDays: parseDays(ghostAfter, spell('ghostAfter')),
    kinds: parseKinds(typeof body.kind === 'string' ? [body.kind] : body.kind),
    onlyNew: Boolean(body.new),
  };
}
