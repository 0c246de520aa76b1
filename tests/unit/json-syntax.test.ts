// parseJson (shared/interchange/json-syntax.ts): JSON.parse, except that a text with an escaped
// key is read by the strict reader, past V8's key bug (nodejs/node#63785): once a key "\\" has
// been parsed, a key of one escaped character ("\"", "\n", ...) at the same place comes back as
// "\\". The oracle here is always the value written, never JSON.parse of its text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasEscapedKey, parseJson } from '../../shared/interchange/json-syntax.ts';

const tricky = fc.array(fc.constantFrom('\\', '"', '\n', '\t', '/', 'a', 'ặ', ':', '{', ' '), { maxLength: 3 }).map((parts) => parts.join(''));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(tricky, tie('node'), { maxKeys: 4 })),
  leaf: fc.oneof(tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)), fc.boolean(), fc.constant(null)),
})).node;

/** Whether some key of `v`, at any depth, is written with an escape by JSON.stringify. */
function escapedKeyIn(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(escapedKeyIn);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([key, item]) => JSON.stringify(key).includes('\\') || escapedKeyIn(item));
  return false;
}

describe('parseJson', () => {
  it('reads back the value written, keys of escaped characters included, after V8 saw a key "\\\\"', () => {
    JSON.parse('{"h": [], "\\\\": 0}');
    for (const [written, text] of [
      [{ h: 1, '"': 2 }, '{"h":1,"\\"":2}'],
      [{ h: 1, '\n': 2 }, '{"h":1,"\\n":2}'],
      [{ h: [{ h: 1, '\t': [] }] }, '{"h":[{"h":1,"\\t":[]}]}'],
    ] as const) {
      expect(JSON.stringify(written)).toBe(text);
      expect(parseJson(text)).toEqual(written);
    }
    fc.assert(
      fc.property(value, fc.boolean(), (written, indent) => {
        expect(parseJson(JSON.stringify(written, null, indent ? 2 : undefined))).toEqual(written);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds exactly the texts with an escaped key (the only ones read by the strict reader)', () => {
    fc.assert(
      fc.property(value, fc.boolean(), (written, indent) => {
        expect(hasEscapedKey(JSON.stringify(written, null, indent ? 2 : undefined))).toBe(escapedKeyIn(written));
      }),
      { numRuns: 1000 },
    );
    expect(hasEscapedKey('{"a":"x\\"y","b":"\\\\"}')).toBe(false);
    expect(hasEscapedKey('{"a":"x\\\\","b\\n" : 1}')).toBe(true);
  });

  it('keeps what JSON.parse keeps: the last of a repeated key, "__proto__" as a plain key, -0 and big numbers', () => {
    const read = parseJson('{"\\u0061": 1, "a": 2, "__proto__": {"polluted": true}, "z": -0, "n": 1e400, "s": "\\ud83d\\ude00"}') as Record<string, unknown>;
    expect(Object.keys(read)).toEqual(['a', '__proto__', 'z', 'n', 's']);
    expect(read.a).toBe(2);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.is(read.z, -0)).toBe(true);
    expect(read.n).toBe(Infinity);
    expect(read.s).toBe('😀');
  });

  it('refuses invalid JSON with a SyntaxError, as JSON.parse does, escaped keys or not', () => {
    for (const text of ['{"\\n": }', '{"\\n": 1,}', '{"\\q": 1}', '{"a": 1', '{"\\t": 01}', '{"\\"": "\u0001"}']) {
      expect(() => parseJson(text), text).toThrow(SyntaxError);
    }
  });
});
