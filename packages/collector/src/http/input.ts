import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { RollcallError } from '../errors.ts';
import { parseJson } from './body.ts';

/*
 * Route inputs declared as middleware, so that their types reach the route's schema and `hc`
 * (`AppType`) types what a client sends. Validation stays ours: every JSON body is read whatever its
 * Content-Type (as before), and a bad one is BAD_INPUT naming the field, never hono's own 400.
 */

/** The query parameters a route reads: each given once (`one`) or repeatable (`many`: `kind=a&kind=b`). */
type QueryShape = Record<string, 'one' | 'many'>;
type QueryIn<S extends QueryShape> = { [K in keyof S]?: S[K] extends 'many' ? string | string[] : string };
type QueryOut<S extends QueryShape> = { [K in keyof S]: (S[K] extends 'many' ? string[] : string) | undefined };

/**
 * Declares a route's query parameters; the handler reads them, as text, with `c.req.valid('query')`
 * and parses them itself (its errors name them as the caller spells them).
 *
 * @example
 * routes.get('/', query({ limit: 'one', kind: 'many' }), (c) => c.json(c.req.valid('query')))
 */
export function query<const S extends QueryShape>(shape: S): MiddlewareHandler<any, string, { in: { query: QueryIn<S> }; out: { query: QueryOut<S> } }> {
  return async (c, next) => {
    const values: Record<string, string | string[] | undefined> = {};
    for (const [name, arity] of Object.entries(shape)) values[name] = arity === 'many' ? c.req.queries(name) : c.req.query(name);
    c.req.addValidatedData('query', values);
    await next();
  };
}

/** A JSON body checked by `parse`, which throws BAD_INPUT naming what is wrong; `In` is what clients send. */
export function jsonBodyOf<In, Out = In>(parse: (body: unknown) => Out, options: { emptyIs?: unknown } = {}): MiddlewareHandler<any, string, { in: { json: In }; out: { json: Out } }> {
  return async (c, next) => {
    const text = await c.req.text();
    const body = options.emptyIs !== undefined && text.trim() === '' ? options.emptyIs : parseJson(text);
    c.req.addValidatedData('json', parse(body) as {});
    await next();
  };
}

/**
 * A JSON body checked against `schema`; a bad one is refused as `invalid WHAT: field: problem; …`.
 * `emptyIs`: what an empty body stands for (every default), where one is allowed.
 */
export function json<S extends z.ZodType>(schema: S, what: string, options: { emptyIs?: z.input<S> } = {}) {
  return jsonBodyOf<z.input<S>, z.output<S>>((body) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new RollcallError('BAD_INPUT', `invalid ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }, options);
}
