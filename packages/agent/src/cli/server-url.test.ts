import { describe, expect, it } from 'vitest';
import { collectorUrl } from './server-url.ts';

describe('collectorUrl', () => {
  it('takes ws:// and wss:// URLs, adding /agent when no path is given', () => {
    expect(collectorUrl('ws://collector:8080')).toBe('ws://collector:8080/agent');
    expect(collectorUrl('wss://rollcall.example.com/agent')).toBe('wss://rollcall.example.com/agent');
    expect(collectorUrl('ws://10.0.0.5:8080/custom')).toBe('ws://10.0.0.5:8080/custom');
  });

  it('names the URL meant when given the web address or a bare host:port', () => {
    expect(() => collectorUrl('http://127.0.0.1:8080')).toThrow('expected ws:// or wss://, got http://; did you mean ws://127.0.0.1:8080/agent ?');
    expect(() => collectorUrl('https://rollcall.example.com/')).toThrow('did you mean wss://rollcall.example.com/agent ?');
    expect(() => collectorUrl('127.0.0.1:8080')).toThrow('expected a URL like ws://collector.example:8080/agent; did you mean ws://127.0.0.1:8080/agent ?');
    expect(() => collectorUrl('collector:8080')).toThrow('did you mean ws://collector:8080/agent ?');
  });

  it('rejects other schemes and garbage without a guess', () => {
    expect(() => collectorUrl('ftp://host/agent')).toThrow(/^expected ws:\/\/ or wss:\/\/, got ftp:\/\/$/);
    expect(() => collectorUrl('not a url')).toThrow(/^expected a URL like ws:\/\/collector.example:8080\/agent$/);
  });
});
