import { InvalidArgumentError } from 'commander';

/**
 * The collector's agent endpoint from what a user typed: `ws://` or `wss://`, `/agent` when no
 * path is given. People paste the collector's web address (`http://host:8080`) or a bare
 * `host:port`; the error then names the URL they most likely meant.
 */
export function collectorUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // `host:port` and `host` do not parse, or parse as a scheme: handled below.
  }
  if (!url || !url.host) {
    throw new InvalidArgumentError(`expected a URL like ws://collector.example:8080/agent${suggestion(`ws://${value}`)}`);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    throw new InvalidArgumentError(`expected ws:// or wss://, got ${url.protocol}//${suggestion(`${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}${url.pathname}`)}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new InvalidArgumentError(`expected ws:// or wss://, got ${url.protocol}//`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/agent';
  return url.toString();
}

/** `; did you mean …?` when `candidate` is a usable endpoint, else nothing. */
function suggestion(candidate: string): string {
  try {
    return `; did you mean ${collectorUrl(candidate)} ?`;
  } catch {
    return '';
  }
}
