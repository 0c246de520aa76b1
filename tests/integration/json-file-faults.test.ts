// What is wrong with a file that is not a JSON object in UTF-8 (db/interchange/read.ts
// describeJsonFile): found in chunks, never holding the file, and said exactly as reading the whole
// text says it (the reference below: bad UTF-8 first, then an empty text, then the line and column
// of the first character that breaks the JSON, shared/interchange/json-syntax.ts). A file larger
// than a JavaScript string can hold is then named like any other (petreg import used to read it
// whole, and said such a file was not UTF-8).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeJsonFile, readJsonObjectStreaming } from '../../db/interchange/read.ts';
import { explainJsonFile } from '../../cli/commands/import.ts';
import { jsonErrorOffset, lineColumn } from '../../shared/interchange/json-syntax.ts';
import { tempDir, type TempDir } from '../helpers/register.ts';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

let written = 0;
function write(content: string | Buffer): string {
  const file = path.join(dir.dir, `f${written++}.json`);
  fs.writeFileSync(file, content);
  return file;
}

/** What reading the whole text says of the bytes, in describeJsonFile's words. */
function reference(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'utf8';
  }
  if (!/[^ \t\n\r]/.test(text)) return 'empty';
  const offset = jsonErrorOffset(text);
  if (offset === null) {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return 'object';
    return `shape ${JSON.stringify(Array.isArray(value) ? [] : value)}`;
  }
  const { line, column } = lineColumn(text, offset);
  return `${offset >= text.length ? 'end' : 'syntax'} ${line}:${column}`;
}

/** What describeJsonFile says of the file, in the same words ('object' when readJsonObjectStreaming reads it). */
function described(file: string, chunkBytes: number): string {
  if (readJsonObjectStreaming(file, { chunkBytes }) !== null) return 'object';
  const fault = describeJsonFile(file, { chunkBytes });
  if (fault === null) return 'object';
  if (fault.fault === 'utf8' || fault.fault === 'empty') return fault.fault;
  if (fault.fault === 'shape') return `shape ${JSON.stringify(fault.value)}`;
  return `${fault.fault} ${fault.line}:${fault.column}`;
}

// A file of the interchange's shape with what makes locating hard: Vietnamese letters (two and three
// bytes), a character beyond U+FFFF (four bytes, two UTF-16 units), CRLF and LF lines, escapes,
// brackets and braces inside strings, and records on one line and across lines.
const SAMPLE = Buffer.from(
  '\ufeff{\r\n  "format": "petition-register/v2",\n  "exported_at": "2026-11-30T20:57:56+07:00",\n' +
    '  "agencies": [{"code": "UBND-X", "name": "Ủy ban \\"Tịnh Khê\\" {a} [b]", "active": true}],\n' +
    '  "petitions": [\n    {"ref": "P1", "summary": "😀 Nguyễn Thị Ánh \\\\", "n": -1.5e3, "x": null,\r\n     "nested": [[1, [2]], {"a": {"b": []}}]},\n' +
    '    {"ref": "P2", "list": ["\\u00e1", "\\"", "\\\\"], "y": false}\n  ],\n  "tail": 7\n}\n',
  'utf8',
);

describe('describeJsonFile', () => {
  it('reads the sample as an object, and says of each broken copy what reading it whole says, at any chunk size', () => {
    expect(described(write(SAMPLE), 5)).toBe('object');
    const copies: Buffer[] = [];
    for (let i = 0; i <= SAMPLE.length; i++) copies.push(SAMPLE.subarray(0, i)); // cut short, through characters too
    for (let i = 0; i < SAMPLE.length; i++) {
      copies.push(Buffer.concat([SAMPLE.subarray(0, i), SAMPLE.subarray(i + 1)])); // a byte left out
      for (const stray of [',', '}', '"', '\u0001']) copies.push(Buffer.concat([SAMPLE.subarray(0, i), Buffer.from(stray), SAMPLE.subarray(i)]));
    }
    let faults = 0;
    const kinds = new Set<string>();
    for (const copy of copies) {
      const file = write(copy);
      const expected = reference(copy);
      kinds.add(expected.split(' ')[0]!);
      if (expected !== 'object') faults += 1;
      for (const chunk of [3, 4 << 20]) expect(described(file, chunk), `${JSON.stringify(copy.toString('latin1'))} by ${chunk}`).toBe(expected);
      fs.rmSync(file);
    }
    // Every kind of answer came up, and most copies are broken (a stray inside a string is not).
    expect([...kinds].sort()).toEqual(['empty', 'end', 'object', 'syntax', 'utf8']);
    expect(faults).toBeGreaterThan(copies.length * 0.6);
  });

  it('says the same as the whole text for any bytes changed anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat(3), insert: fc.uint8Array({ maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 40 }),
        (edits, chunk) => {
          let bytes = SAMPLE;
          for (const edit of edits) {
            const at = edit.at % (bytes.length + 1);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.insert), bytes.subarray(at + edit.remove)]);
          }
          const file = write(bytes);
          expect(described(file, chunk)).toBe(reference(bytes));
          fs.rmSync(file);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names valid JSON of another shape, an empty file and bytes that are not UTF-8', () => {
    const cases: [string | Buffer, string][] = [
      ['[{"ref": "P1"}, 2, "ba"]\n', 'shape []'],
      ['  "Nguyễn"  ', 'shape "Nguyễn"'],
      ['-12.5e2', 'shape -1250'],
      ['null', 'shape null'],
      ['', 'empty'],
      [' \r\n\t ', 'empty'],
      ['\ufeff', 'empty'],
      [Buffer.from([0x7b, 0x22, 0xd0, 0x22, 0x7d]), 'utf8'],
      // Not UTF-8 after a syntax error: the text is refused first, as a whole reading refuses it.
      [Buffer.concat([Buffer.from('{"a": x, "b": "'), Buffer.from([0xff]), Buffer.from('"}')]), 'utf8'],
      ['{"a": [1, 2,]}', 'syntax 1:13'],
      ['{"a": 1}\n\n x', 'syntax 3:2'],
      ['{"a": "😀😀", "b": tru}', 'syntax 1:20'],
      ['{"a": [\n{"b": 1}', 'end 2:9'],
      ['[1, 2', 'end 1:6'],
      // A byte order mark is not counted; anywhere but at the start it is a mistake.
      ['\ufeff{"a" 1}', 'syntax 1:6'],
      ['{"a": \ufeff[1]}', 'syntax 1:7'],
    ];
    for (const [content, expected] of cases) {
      const bytes = Buffer.from(content);
      expect(reference(bytes), String(content)).toBe(expected);
      const file = write(bytes);
      for (const chunk of [1, 4]) expect(described(file, chunk), `${String(content)} by ${chunk}`).toBe(expected);
    }
  });

  it('petreg says the line and column of a file cut short, a missing comma and a shape that is not an object', () => {
    const text = SAMPLE.toString('utf8');
    const cut = write(text.slice(0, text.indexOf('"ref": "P2"')));
    expect(() => explainJsonFile(cut)).toThrow(/^Tệp .*f\d+\.json không phải JSON hợp lệ: tệp kết thúc giữa chừng ở dòng 8, cột 6\.$/);
    const comma = write(text.replace('}],\n  "petitions"', '}]\n  "petitions"'));
    expect(() => explainJsonFile(comma)).toThrow(/không phải JSON hợp lệ: lỗi cú pháp ở dòng 5, cột 3\.$/);
    expect(explainJsonFile(write('[{"ref": "P1"}]'))).toEqual([]);
    expect(() => explainJsonFile(write(''))).toThrow(/rỗng, không có dữ liệu JSON/);
    expect(() => explainJsonFile(write(Buffer.from([0x7b, 0xff])))).toThrow(/không phải văn bản UTF-8/);
    expect(() => explainJsonFile(path.join(dir.dir, 'missing.json'))).toThrow(/Không có tệp .*missing\.json/);
    // A JSON object after all (written while it was read).
    expect(() => explainJsonFile(write('{"a": 1}'))).toThrow(/đã thay đổi trong khi đang đọc/);
  });
});
