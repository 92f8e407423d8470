import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.ts';

describe('httpFetch', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/empty') return void response.writeHead(204).end();
        if (request.url === '/missing') return void response.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
        response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
        response.end(JSON.stringify({ method: request.method, url: request.url, header: request.headers['x-rollcall-client'], length: request.headers['content-length'], body: Buffer.concat(chunks).toString() }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the method, headers and a text or bytes body, and answers a Response with its url', async () => {
    const text = await httpFetch(`${base}/api/x?y=1`, { method: 'POST', headers: new Headers({ 'x-rollcall-client': 'cli' }), body: '{"é":1}' });
    expect([text.ok, text.status, text.url, text.headers.get('content-type'), text.headers.get('set-cookie')]).toEqual([true, 200, `${base}/api/x?y=1`, 'application/json', 'a=1, b=2']);
    expect(await text.json()).toEqual({ method: 'POST', url: '/api/x?y=1', header: 'cli', length: '8', body: '{"é":1}' });
    const bytes = await httpFetch(new URL(`${base}/upload`), { method: 'POST', body: Buffer.from('a,b\n1,2\n') });
    expect(await bytes.json()).toMatchObject({ url: '/upload', length: '8', body: 'a,b\n1,2\n' });
  });

  it('answers error statuses and empty bodies as fetch does', async () => {
    const missing = await httpFetch(`${base}/missing`);
    expect([missing.ok, missing.status, await missing.text()]).toEqual([false, 404, 'no such thing']);
    const empty = await httpFetch(`${base}/empty`, { method: 'DELETE' });
    expect([empty.status, await empty.text()]).toEqual([204, '']);
  });

  it('rejects with the system error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(httpFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
