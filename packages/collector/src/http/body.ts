import { RollcallError } from '../errors.ts';
import { describeUnstorable, findUnstorableText } from '../storable-text.ts';

/**
 * The request's JSON body; a body that is not JSON is the client's error, and says so, as is
 * text the database cannot hold (a NUL character), named by its field.
 */
export async function jsonBody(request: Request): Promise<unknown> {
  return parseJson(await request.text());
}

/** A request body's text as JSON, refused as {@link jsonBody} says. */
export function parseJson(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RollcallError('BAD_INPUT', 'the request body is not valid JSON');
  }
  const unstorable = findUnstorableText(body);
  if (unstorable) throw new RollcallError('BAD_INPUT', describeUnstorable(unstorable, 'the request body'));
  return body;
}
