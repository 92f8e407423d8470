import { unstorableText } from '../storable-text.ts';

/** Why a request's path or query cannot be used (a NUL in a parameter), naming the part; else undefined. */
export function unstorableInUrl(url: URL): string | undefined {
  for (const segment of url.pathname.split('/')) {
    const reason = unstorableText(decoded(segment));
    if (reason) return `the path segment ${JSON.stringify(decoded(segment))}: ${reason}`;
  }
  for (const [name, value] of url.searchParams) {
    const reason = unstorableText(name) ?? unstorableText(value);
    if (reason) return `the query parameter ${JSON.stringify(name)}: ${reason}`;
  }
  return undefined;
}

/** A percent-decoded path segment; one that does not decode is taken as written (as the router does). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
