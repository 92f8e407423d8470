import { basename } from 'node:path';
import { hc, type InferRequestType } from 'hono/client';
import { isErrorCode, RollcallError } from '../errors.ts';
import type { AppType } from '../http/app.ts';
import { CLIENT_HEADER } from '../http/spelling.ts';
import { httpFetch } from './http-fetch.ts';
import { readFile } from './input-file.ts';
import type { DataSource } from './source.ts';

/**
 * The API of a running collector, through a client typed by its routes (`AppType`): a route that
 * changes what it takes or answers fails to compile here. Every input a route declares is said
 * (see {@link send}), so a parameter a route adds is not silently left out by the CLI.
 */
export function serverSource(baseUrl: string): DataSource {
  // The server names parameters in its errors as this CLI's flags.
  const { api } = hc<AppType>(baseUrl, { headers: { [CLIENT_HEADER]: 'cli' }, fetch: httpFetch });
  const ok = answered(baseUrl);
  const json = async <R extends Answer>(request: Promise<R>): Promise<JsonOf<R>> => (await ok(request)).json() as Promise<JsonOf<R>>;
  return {
    description: `server at ${baseUrl}`,
    listDevices: async () => (await json(api.devices.$get())).devices,
    showDevice: (ref) => json(api.devices[':ref'].$get({ param: { ref } })),
    deviceChanges: (ref, since) => json(send(api.devices[':ref'].changes.$get, { param: { ref }, query: { since: since?.toISOString() } })),
    listAgents: async () => (await json(api.agents.$get())).agents,
    importRegister: (path, options, changedBy) =>
      json(
        send(
          api.assets.import.$post,
          {
            query: {
              skipBad: options.skipBad ? 'true' : undefined,
              map: Object.entries(options.fieldMap ?? {}).map(([field, column]) => `${field}=${column}`),
              statusMap: Object.entries(options.statusMap ?? {}).map(([label, status]) => `${label}=${status}`),
              changedBy,
            },
          },
          { body: readFile(path) },
        ),
      ),
    exportRegister: async (format) => (await ok(send(api.assets.export.$get, { query: { format } }))).text(),
    importObservations: (path, options) =>
      json(
        send(
          api.observations.import.$post,
          { query: { format: options.format, source: options.source, fileName: basename(path), skipBad: options.skipBad ? 'true' : undefined } },
          { body: readFile(path) },
        ),
      ),
    listObservations: async (filter, page) =>
      (await json(send(api.observations.$get, { query: { source: filter.source, find: filter.find, limit: String(page.limit), offset: String(page.offset) } }))).observations,
    reconcile: (request) => {
      const asked = { asOf: request.asOf.toISOString(), ghostAfter: `${request.ghostAfterDays}d` };
      // Recording is the POST; the GET only reads.
      if (request.record) return json(send(api.reconciliation.runs.$post, { json: { ...asked, kind: request.kinds ?? [], new: Boolean(request.onlyNew) } }));
      return json(send(api.reconciliation.$get, { query: { ...asked, kind: request.kinds ?? [], new: request.onlyNew ? 'true' : undefined } }));
    },
    sweep: async (request) => {
      const response = await ok(send(api.discovery.sweeps.$post, { json: { ...request, via: undefined } }));
      if (response.status !== 200) throw unexpected(baseUrl, response);
      return response.json();
    },
    sweepVia: async (agentId, request) => {
      const response = await ok(send(api.discovery.sweeps.$post, { json: { ...request, via: agentId } }));
      if (response.status !== 202) throw unexpected(baseUrl, response);
      return response.json();
    },
    discoveryJob: (jobId) => json(api.discovery.jobs[':id'].$get({ param: { id: jobId } })),
    utilization: (request) =>
      json(
        send(api.utilization.$get, {
          query: {
            asOf: request.asOf.toISOString(),
            period: `${request.periodDays}d`,
            by: request.by,
            timeZone: request.timeZone,
            workingHours: request.workingHours,
            life: Object.entries(request.lifeMonths ?? {}).map(([category, months]) => `${category}=${months}`),
            inUseCpu: request.inUseCpuPercent?.toString(),
            idleBelow: request.idleBelowPercent?.toString(),
          },
        }),
      ),
    software: (request) =>
      json(
        send(api.software.report.$post, {
          json: { asOf: request.asOf.toISOString(), unusedDays: request.unusedDays, rules: request.rules ?? [], includeLibraries: Boolean(request.includeLibraries) },
        }),
      ),
    findInstalled: (name, page) => json(send(api.software.installs.$get, { query: { name, limit: String(page.limit), offset: String(page.offset) } })),
    dbStats: async () => (await json(api.db.stats.$get())).tables,
    rollup: () => json(api.db.rollup.$post()),
    prune: (retention) =>
      json(send(api.db.prune.$post, { json: { rawDays: retention.raw, aggregateDays: retention.aggregates, observationDays: retention.observations, inventoryDays: retention.inventories } })),
    refreshAgents: (request) => json(send(api.agents.refresh.$post, { json: { agents: request.agents, all: request.all, kind: request.kind, spreadSeconds: request.spreadSeconds } })),
    close: async () => {},
  };
}

/** What the client's answers have in common. */
type Answer = { ok: boolean; status: number; url: string; text(): Promise<string>; json(): Promise<unknown> };

/** What a successful answer's body is, as its route declares it. */
type JsonOf<R extends Answer> = Awaited<ReturnType<R['json']>>;

/** Every key of `T` present: `undefined` says one is left out on purpose. */
type Every<T> = { [K in keyof Required<T>]: Required<T>[K] | undefined };
/** A route's input with each of its query parameters and body fields said. */
type Said<Input> = { [Part in keyof Input]: Part extends 'query' | 'json' ? Every<Input[Part]> : Input[Part] };

/**
 * Calls `endpoint` naming every query parameter and body field it declares, so that one a route
 * adds is a compile error here until the CLI sends it (`importRegister` once dropped `changedBy`).
 * `init` is for a raw body (a file), which the routes read themselves.
 */
function send<E extends (args: any, options?: any) => Promise<Answer>>(endpoint: E, input: Said<InferRequestType<E>>, init?: RequestInit): ReturnType<E> {
  return endpoint(input, init ? { init } : undefined) as ReturnType<E>;
}

/**
 * The server's answer, when it is a success; else its error, as a RollcallError with its code (the
 * exit code then follows from the one table in errors.ts). A server that cannot be reached is
 * SERVER_UNREACHABLE, and a code this CLI does not know is still an error.
 */
function answered(baseUrl: string) {
  return async <R extends Answer>(request: Promise<R>): Promise<R> => {
    let response: R;
    try {
      response = await request;
    } catch (cause) {
      throw new RollcallError('SERVER_UNREACHABLE', `the database is held by the rollcall server at ${baseUrl}, which does not answer: ${(cause as Error).message}`, { cause });
    }
    if (response.ok) return response;
    const text = await response.text();
    let error: { code?: unknown; message?: unknown; details?: unknown } | undefined;
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error;
    } catch {
      // not one of our JSON errors
    }
    if (error && typeof error.message === 'string' && error.message) {
      const details = error.details !== null && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : undefined;
      if (isErrorCode(error.code)) throw new RollcallError(error.code, error.message, { details });
      // A code this CLI does not know (a newer server?) is still an error: never exit 0 on it.
      throw new RollcallError('INTERNAL', `${error.message} (the server at ${baseUrl} answered HTTP ${response.status} with error code ${JSON.stringify(error.code)}, unknown to this rollcall)`, { details });
    }
    throw new RollcallError('SERVER_UNREACHABLE', `${pathOf(response)} on ${baseUrl} failed with HTTP ${response.status}: ${text.slice(0, 200)}`);
  };
}

/** A success this CLI did not ask for (a newer or older server). */
function unexpected(baseUrl: string, response: Answer): RollcallError {
  return new RollcallError('INTERNAL', `${pathOf(response)} on ${baseUrl} answered HTTP ${response.status}, which this rollcall does not expect`);
}

const pathOf = (response: Answer) => (response.url ? new URL(response.url).pathname : 'a request');
