import { Hono } from 'hono';
import { z } from 'zod';
import type { ReconcileRequest } from '../services/reconciliation.ts';
import type { Services } from '../services/index.ts';
import { parseAsOf, parseDays, parseKinds, parseLimit, parseSwitch } from '../services/params.ts';
import { QUERY, type Spelling } from '../spelling.ts';
import { json, query } from './input.ts';
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
  return new Hono()
    /** A report as of now (or `asOf`), compared with the last recorded run: `?asOf=ISO&ghostAfter=30d&kind=ghost,shadow&new=true`. Records nothing. */
    .get('/', query({ asOf: 'one', ghostAfter: 'one', kind: 'many', new: 'one' }), async (c) => {
      const q = c.req.valid('query');
      const spell = spellingFor(c.req.raw);
      return c.json(
        await reconciliation.run({
          asOf: parseAsOf(q.asOf, spell),
          ghostAfterDays: parseDays(q.ghostAfter ?? '30d', spell('ghostAfter')),
          kinds: parseKinds(q.kind),
          onlyNew: parseSwitch(q.new, spell('new')),
        }),
      );
    })
    /** Records a run (`{"asOf"?, "ghostAfter"?: "30d", "kind"?: ["shadow"], "new"?: true}`, or no body): 201 and its report, with its runId. */
    .post('/runs', json(RunBody, 'reconciliation run', { emptyIs: {} }), async (c) => {
      const request = runRequest(c.req.valid('json'), spellingFor(c.req.raw));
      return c.json(await reconciliation.run({ ...request, record: true }), 201);
    })
    /** The recorded runs, newest first: `?limit=20` (1 to 1000). */
    .get('/runs', query({ limit: 'one' }), async (c) => c.json({ runs: await reconciliation.history(parseLimit(c.req.valid('query').limit, 20, 1000, QUERY)) }));
}

/** What a POST /runs asks for; an empty body takes every default (as of now, 30 days). */
function runRequest(body: z.output<typeof RunBody>, spell: Spelling): Omit<ReconcileRequest, 'record'> {
  const ghostAfter = typeof body.ghostAfter === 'number' ? `${body.ghostAfter}d` : (body.ghostAfter ?? '30d');
  return {
    asOf: parseAsOf(body.asOf, spell),
    ghostAfterDays: parseDays(ghostAfter, spell('ghostAfter')),
    kinds: parseKinds(typeof body.kind === 'string' ? [body.kind] : body.kind),
    onlyNew: Boolean(body.new),
  };
}
