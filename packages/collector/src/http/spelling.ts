import { FLAGS, QUERY, type Spelling } from '../spelling.ts';

/** The header the `rollcall` CLI sends when it works through a running collector. */
export const CLIENT_HEADER = 'x-rollcall-client';

/**
 * How to name parameters in this request's errors: the CLI (which reached the API because
 * `rollcall serve` holds the database) shows them to a user who typed flags; anyone else sent
 * query parameters.
 */
export function spellingFor(request: Request): Spelling {
  return request.headers.get(CLIENT_HEADER) === 'cli' ? FLAGS : QUERY;
}
