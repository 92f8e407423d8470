import { StringDecoder } from 'node:string_decoder';

export type TextInput = string | Buffer | NodeJS.ReadableStream;

/**
 * The input as UTF-8 text chunks with every line break turned into `\n` (CRLF and lone CR too,
 * also across chunk boundaries). csv-parse counts a CRLF inside a quoted field as two lines, so
 * its line numbers are only right on `\n`-only text; this also makes cell line breaks uniform.
 */
export async function* textChunks(input: TextInput): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pendingCR = false;
  const normalise = (text: string): string => {
    let chunk = pendingCR ? `\r${text}` : text;
    pendingCR = chunk.endsWith('\r');
    if (pendingCR) chunk = chunk.slice(0, -1); // may be the first half of a CRLF
    return chunk.replace(/\r\n?/g, '\n');
  };

  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    yield normalise(typeof input === 'string' ? input : decoder.write(input) + decoder.end());
  } else {
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      if (text !== '') yield normalise(text);
    }
    const rest = decoder.end();
    if (rest !== '') yield normalise(rest);
  }
  if (pendingCR) yield '\n';
}
