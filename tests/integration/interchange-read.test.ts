// The interchange file read record by record (db/interchange/read.ts): the same value JSON.parse
// gives for every JSON object, whatever the chunk size cuts through; null for anything else, so
// that petreg says what is wrong with it (tests/integration/json-file-faults.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCollection, readJsonObjectStreaming, scanJsonObject } from '../../db/interchange/read.ts';
import { tempDir, type TempDir } from '../helpers/register.ts';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

function write(content: string | Buffer): string {
  const file = path.join(dir.dir, `f${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, content);
  return file;
}

const SAMPLE = {
  format: 'petition-register/v2',
  exported_at: '2026-11-30T20:57:56+07:00',
  agencies: [{ code: 'UBND-X', name: 'Ủy ban nhân dân xã "Tịnh Khê" {a} [b]', kind: 'other', active: true }],
  sessions: [],
  petitions: [
    { ref: 'P1', summary: 'Đơn có dấu \\ gạch chéo, ngoặc ] } và "nháy"', signatories: 1, n: -1.5e3, x: null, y: false, nested: [[1, [2]], { a: { b: [] } }] },
    { ref: 'P2', summary: '😀 tiếng Việt: Nguyễn Thị Ánh', reminders: [] },
    // Runs of backslashes before quotes, odd and even (a quote is escaped only after an odd run).
    { ref: 'P3', summary: 'a\\"b\\\\"c\\\\\\"', path: '\\\\', list: ['\\', '"', '\\"', '\\\\'] },
  ],
  tail: 7,
};

/** The value with -0 as 0: what JSON text can carry (JSON.stringify writes -0 as 0). */
function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: withoutNegativeZero(item), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  return value;
}

describe('readJsonObjectStreaming', () => {
  it('reads what JSON.parse reads, at every chunk size down to one byte, indented or not', () => {
    for (const text of [JSON.stringify(SAMPLE), `\ufeff${JSON.stringify(SAMPLE, null, 2)}\n`, ` \n\t{ "a" : [ 1 , 2 ] , "b" : { } , "c" : [ ] }  `]) {
      const file = write(text);
      const expected = JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
      for (const chunkBytes of [1, 2, 3, 7, 64, 4096]) expect(readJsonObjectStreaming(file, { chunkBytes })).toEqual(expected);
    }
  });

  // The oracle is the object written, not JSON.parse of its text: V8's JSON.parse misreads a key
  // of one escaped character once it has seen a key "\\" (shared/interchange/json-syntax.ts), and
  // this property's keys are made of such characters. The reader must read them as written.
  it('reads back the random JSON object that was written (property)', () => {
    const tricky = fc.array(fc.constantFrom('\\', '"', 'a', 'ặ', '{', ']', ',', '\n'), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.dictionary(tricky, fc.oneof(tricky, fc.array(tricky, { maxLength: 4 }), fc.dictionary(tricky, tricky, { maxKeys: 3 }))), fc.integer({ min: 1, max: 9 }), (object, chunkBytes) => {
        expect(readJsonObjectStreaming(write(JSON.stringify(object)), { chunkBytes })).toEqual(object);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue().map(withoutNegativeZero)), fc.integer({ min: 1, max: 50 }), fc.boolean(), (object, chunkBytes, indent) => {
        const file = write(JSON.stringify(object, null, indent ? 2 : undefined));
        expect(readJsonObjectStreaming(file, { chunkBytes })).toEqual(object);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a record key of one escaped character as written, after a key "\\" was parsed (V8 bug)', () => {
    // What poisons V8's key cache: any earlier parse of an object with a key "\\" after "h".
    JSON.parse('{"h": [], "\\\\": 0}');
    const written = { petitions: [{ h: 1, '"': 2 }, { h: 3, '\n': 4, note: 'dòng 1\ndòng 2' }], '\t': 'top' };
    const file = write(JSON.stringify(written));
    for (const chunkBytes of [1, 7, 4096]) expect(readJsonObjectStreaming(file, { chunkBytes })).toEqual(written);
  });

  it('keeps a repeated key’s last value and "__proto__" as a plain key, as JSON.parse does', () => {
    const text = '{"a": [1], "a": [2, 3], "__proto__": {"polluted": true}}';
    const read = readJsonObjectStreaming(write(text))!;
    expect(read).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns null for what is not a JSON object in UTF-8 (read whole to report the mistake)', () => {
    const bad = [
      '',
      '   ',
      '[1, 2]',
      '"text"',
      '{"a": [1, 2}',
      '{"a": [1, 2]',
      '{"a": 1,}',
      '{"a" 1}',
      '{"a": [1 2]}',
      '{"a": tru}',
      '{"a": 1} {"b": 2}',
      '{"a": "unterminated}',
      '{"a": [{"b": 1}, ]}',
    ];
    for (const text of bad) for (const chunkBytes of [1, 5, 4096]) expect(readJsonObjectStreaming(write(text), { chunkBytes }), text).toBeNull();
    // Windows-1258 bytes are not UTF-8.
    expect(readJsonObjectStreaming(write(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xd0, 0xe3, 0x22, 0x7d])))).toBeNull();
  });

  it('throws file errors as they are (a missing file)', () => {
    expect(() => readJsonObjectStreaming(path.join(dir.dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});

describe('scanJsonObject and readCollection (an import in slices)', () => {
  /** Everything a scan reports: each top-level value, and each record of the arrays asked for. */
  function scan(file: string, wanted: string[], chunkBytes: number) {
    const seen: [string, unknown, number?][] = [];
    const ok = scanJsonObject(
      file,
      (key) => {
        seen.push([key, '[']);
        return wanted.includes(key) ? (record, index) => seen.push([key, record, index]) : null;
      },
      (key, value) => seen.push([key, value]),
      { chunkBytes },
    );
    return { ok, seen };
  }

  it('gives each record of the arrays asked for, in order, passes the others over, and each other value parsed', () => {
    for (const text of [JSON.stringify(SAMPLE), `\ufeff${JSON.stringify(SAMPLE, null, 2)}\n`]) {
      const file = write(text);
      for (const chunkBytes of [1, 3, 64, 4096]) {
        const { ok, seen } = scan(file, ['petitions'], chunkBytes);
        expect(ok).toBe(true);
        expect(seen).toEqual([
          ['format', SAMPLE.format],
          ['exported_at', SAMPLE.exported_at],
          ['agencies', '['],
          ['sessions', '['],
          ['petitions', '['],
          ...SAMPLE.petitions.map((p, i) => ['petitions', p, i]),
          ['tail', 7],
        ]);
        expect([...readCollection(file, 'petitions', { chunkBytes })]).toEqual(SAMPLE.petitions);
        expect([...readCollection(file, 'agencies', { chunkBytes })]).toEqual(SAMPLE.agencies);
        expect([...readCollection(file, 'sessions', { chunkBytes })]).toEqual([]);
        expect([...readCollection(file, 'visits', { chunkBytes })]).toEqual([]);
      }
    }
  });

  it('says false for what is not a JSON object, and a file changed between two readings is a conflict', () => {
    for (const text of ['[1, 2]', '{"a": [1, 2', '{"a": [{"b": 1}, ]}', '{"a": 1} x']) expect(scan(write(text), ['a'], 4).ok, text).toBe(false);
    const file = write(JSON.stringify(SAMPLE));
    expect(scan(file, ['petitions'], 64).ok).toBe(true);
    fs.writeFileSync(file, JSON.stringify(SAMPLE).slice(0, 300));
    expect(() => [...readCollection(file, 'petitions')]).toThrow(/đã thay đổi trong khi đang nhập/);
  });
});
