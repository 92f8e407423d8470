import { describe, expect, it } from 'vitest';
import { describeUnstorable, findUnstorableText, stripNulCharacters, unstorableText } from './storable-text.ts';

describe('unstorableText', () => {
  it('names NUL characters and lone surrogates, and takes any other text', () => {
    expect(unstorableText('a\u0000b')).toBe('text must not contain NUL characters (\\u0000)');
    expect(unstorableText('\udc00 low first')).toBe('text is not valid Unicode (half of a UTF-16 surrogate pair)');
    expect(unstorableText('trailing high \ud83d')).toBe('text is not valid Unicode (half of a UTF-16 surrogate pair)');
    expect(unstorableText('emoji 😀, umlauts äö, \u0001 and \ufffd')).toBeUndefined();
  });
});

describe('findUnstorableText', () => {
  it('says where in a JSON value, keys included', () => {
    expect(findUnstorableText({ rules: [{ process: 'ok' }, { process: 'a', title: 'b\u0000' }] })).toEqual({ path: 'rules[1].title', reason: 'text must not contain NUL characters (\\u0000)' });
    expect(findUnstorableText({ customFields: { ['k\u0000']: 'v' } })).toEqual({ path: 'customFields', reason: 'the key "k\\u0000": text must not contain NUL characters (\\u0000)' });
    expect(describeUnstorable(findUnstorableText('\u0000')!, 'the body')).toBe('the body: text must not contain NUL characters (\\u0000)');
    expect(findUnstorableText({ a: [1, null, true, { b: 'fine' }] })).toBeUndefined();
  });

  it('walks a value nested deeper than the stack goes', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const found = findUnstorableText(deep)!;
    expect(found.reason).toBe('text must not contain NUL characters (\\u0000)');
    expect(describeUnstorable(found, 'the body')).toBe(`…${'[0]'.repeat(40)}: text must not contain NUL characters (\\u0000)`);
  });
});

describe('stripNulCharacters', () => {
  it('removes NULs from every string and key, in place, leaving the rest', () => {
    const bytes = new Uint8Array([0, 1]);
    const value = { name: 'pad\u0000\u0000', list: ['a\u0000b', 3], nested: { ['k\u0000']: 'v\u0000' }, bytes };
    expect(stripNulCharacters(value)).toBe(value);
    expect(value).toEqual({ name: 'pad', list: ['ab', 3], nested: { k: 'v' }, bytes });
    expect(value.bytes).toBe(bytes);
  });
});
