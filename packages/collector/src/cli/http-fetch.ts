import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Statuses whose Response has no body (the constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` over node:http, for the CLI's API client (cli/server-source.ts). Node's own fetch loads
 * undici and compiles its WebAssembly HTTP parser on first use: about 80 ms of every `rollcall`
 * command that goes through a server, more than the request itself (bench/cli.ts). This sends what
 * the client sends — a method, headers, a body of text or bytes — and answers a standard Response
 * (with its `url`); a failed connection rejects with the system's error (`connect ECONNREFUSED …`).
 */
export const httpFetch: typeof fetch = (input, init = {}) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      reject(new TypeError('httpFetch sends text or bytes only'));
      return;
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (body !== undefined && body !== null) headers['content-length'] = String(Buffer.byteLength(body));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined }, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const status = response.statusCode ?? 500;
        const answer = new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), {
          status,
          statusText: response.statusMessage,
          headers: Object.entries(response.headers).flatMap(([name, value]) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]))),
        });
        Object.defineProperty(answer, 'url', { value: url.href });
        resolve(answer);
      });
    });
    request.once('error', reject);
    request.end(body ?? undefined);
  });
