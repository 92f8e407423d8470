import { RollcallError } from '../errors.ts';

/** The request's JSON body; a body that is not JSON is the client's error, and says so. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new RollcallError('BAD_INPUT', 'the request body is not valid JSON');
  }
}
