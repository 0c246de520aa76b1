// Reading an interchange file without holding its text. A register of a million petitions exports
// to more than a gigabyte, which cannot be one JavaScript string; JSON.parse of the whole text also
// held the bytes, the text and the objects at once. This reader takes the file in chunks and parses
// the top-level object key by key and each array's records one by one (JSON.parse of one record's
// bytes), so only the records themselves are kept: one copy of the data.
// It reads exactly what JSON.parse reads (parseJson: a record with an escaped key is read past a
// V8 bug, see shared/interchange/json-syntax.ts). When the file is not a JSON object, or is not UTF-8 or
// not valid JSON, it says so by returning null; describeJsonFile then says what is wrong with it, with
// the line and column of the first mistake, going through the file in chunks as well.
import fs from 'node:fs';
import { ApiError } from '../../shared/errors.ts';
import { jsonErrorOffset, parseJson } from '../../shared/interchange/json-syntax.ts';

const CHUNK = 4 * 1024 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Thrown inside the reader when the bytes are not a JSON object it can stream: where (a byte offset
 * in the file) and how. 'end': the file ends inside a value; 'syntax': the byte at `at` breaks the
 * JSON; 'utf8': a value's bytes are not UTF-8; 'shape': valid JSON whose top level is not an object,
 * that value (ChunkReader.fault).
 */
class NotStreamable extends Error {
  readonly fault: 'end' | 'syntax' | 'utf8' | 'shape';
  readonly at: number;
  readonly value: unknown;
  constructor(fault: NotStreamable['fault'], at: number, value?: unknown) {
    super(fault);
    this.fault = fault;
    this.at = at;
    this.value = value;
  }
}

/** Whether the bytes begin with UTF-8's byte order mark (EF BB BF). */
function startsWithBom(b: Buffer): boolean {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

class ChunkReader {
  readonly #fd: number;
  #buf: Buffer = Buffer.alloc(0);
  /** The file's byte offset of #buf[0]. */
  #base = 0;
  #pos = 0;
  /** Start of the value being read: kept across refills. -1 when none. */
  #mark = -1;
  #eof = false;
  // ignoreBOM: a byte order mark is JSON's only at the file's start (skipBom), a mistake anywhere else.
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  readonly #chunk: number;

  constructor(fd: number, chunk: number) {
    this.#fd = fd;
    this.#chunk = chunk;
  }

  #more(): boolean {
    if (this.#eof) return false;
    const chunk = Buffer.allocUnsafe(this.#chunk);
    const n = fs.readSync(this.#fd, chunk, 0, this.#chunk, null);
    if (n === 0) {
      this.#eof = true;
      return false;
    }
    const keep = this.#mark >= 0 ? this.#mark : this.#pos;
    this.#buf = Buffer.concat([this.#buf.subarray(keep), chunk.subarray(0, n)]);
    this.#base += keep;
    this.#pos -= keep;
    if (this.#mark >= 0) this.#mark = 0;
    return true;
  }

  /** The next byte after white space (not consumed), or -1 at the end of the file. */
  peek(): number {
    for (;;) {
      while (this.#pos < this.#buf.length) {
        const b = this.#buf[this.#pos]!;
        if (!isSpace(b)) return b;
        this.#pos++;
      }
      if (!this.#more()) return -1;
    }
  }

  /** The fault at the reader's place, where `next` (peek()) is not what the JSON needs there. */
  #unexpected(next: number): NotStreamable {
    return new NotStreamable(next === -1 ? 'end' : 'syntax', this.#base + this.#pos);
  }

  /**
   * The fault in a value's bytes (from #mark to #pos) that did not parse: the first byte that breaks
   * the JSON, as the strict reader finds it in the value's text ('end' when the text is right so
   * far and the file ends). `complete`: the value's end was found (the file goes on after it).
   */
  #faultIn(bytes: Buffer, complete: boolean): NotStreamable {
    const start = this.#base + this.#mark;
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return new NotStreamable('utf8', start);
      // More than a string can hold (a value of hundreds of megabytes): where the file ends inside
      // it, the end; a whole value that large cannot be read at all, the place it starts.
      return new NotStreamable(complete ? 'syntax' : 'end', complete ? start : start + bytes.length);
    }
    const offset = jsonErrorOffset(text);
    // Nesting deeper than the strict reader's stack: the value's first byte.
    if (offset === null) return new NotStreamable('syntax', start);
    if (offset < text.length) return new NotStreamable('syntax', start + Buffer.byteLength(text.slice(0, offset)));
    return new NotStreamable(complete ? 'syntax' : 'end', start + bytes.length);
  }

  expect(byte: number): void {
    const next = this.peek();
    if (next !== byte) throw this.#unexpected(next);
    this.#pos++;
  }

  skipBom(): void {
    while (this.#buf.length - this.#pos < 3 && this.#more());
    if (startsWithBom(this.#buf)) this.#pos = 3;
  }

  /** The next value (after white space), parsed; with `parse` false only passed over (undefined). */
  value(parse = true): unknown {
    if (this.peek() === -1) throw this.#unexpected(-1);
    this.#mark = this.#pos;
    let depth = 0;
    let inString = false;
    const first = this.#buf[this.#pos]!;
    const structured = first === QUOTE || first === OPEN_BRACE || first === OPEN_BRACKET;
    for (;;) {
      if (this.#pos >= this.#buf.length && !this.#more()) {
        if (structured) throw this.#faultIn(this.#buf.subarray(this.#mark), false);
        break;
      }
      if (inString) {
        // Most of a record's bytes are inside strings: go to the next quote at once (indexOf) and
        // see whether it is escaped (an odd run of backslashes before it; the run cannot reach past
        // the string's opening quote, which is kept in the buffer with the whole value).
        const quote = this.#buf.indexOf(QUOTE, this.#pos);
        if (quote < 0) {
          this.#pos = this.#buf.length;
          continue;
        }
        let k = quote - 1;
        while (this.#buf[k] === BACKSLASH) k--;
        this.#pos = quote + 1;
        if ((quote - 1 - k) % 2 === 1) continue;
        inString = false;
        if (depth === 0) break;
        continue;
      }
      const b = this.#buf[this.#pos]!;
      if (!structured) {
        // A number, true, false or null ends at the next delimiter.
        if (b === COMMA || b === CLOSE_BRACKET || b === CLOSE_BRACE || isSpace(b)) break;
        this.#pos++;
        continue;
      }
      this.#pos++;
      if (b === QUOTE) inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) break;
      }
    }
    const bytes = this.#buf.subarray(this.#mark, this.#pos);
    if (!parse) {
      this.#mark = -1;
      return undefined;
    }
    try {
      const value = parseJson(this.#decoder.decode(bytes));
      this.#mark = -1;
      return value;
    } catch {
      throw this.#faultIn(bytes, true);
    }
  }

  /** An array's records one by one (the reader is at its `[`). */
  array(): unknown[] {
    const items: unknown[] = [];
    this.records((value) => items.push(value));
    return items;
  }

  /** Each record of an array (the reader is at its `[`), parsed, or only passed over (undefined). */
  *items(parse = true): Generator<unknown, void> {
    this.expect(OPEN_BRACKET);
    if (this.peek() === CLOSE_BRACKET) {
      this.#pos++;
      return;
    }
    for (;;) {
      yield this.value(parse);
      const b = this.peek();
      if (b !== COMMA && b !== CLOSE_BRACKET) throw this.#unexpected(b);
      this.#pos++;
      if (b === CLOSE_BRACKET) return;
    }
  }

  /** Each record of an array (the reader is at its `[`), parsed for `record`, or only passed over. */
  records(record: ((value: unknown, index: number) => void) | null): void {
    let index = 0;
    for (const value of this.items(record !== null)) record?.(value, index++);
  }

  /**
   * The keys of the top-level object one by one. After each, the caller reads its value (value(),
   * array(), items() or records()) before asking for the next. The object must end the file.
   */
  *keys(): Generator<string, void> {
    this.skipBom();
    this.expect(OPEN_BRACE);
    if (this.peek() === CLOSE_BRACE) {
      this.#pos++;
    } else {
      for (;;) {
        const next = this.peek();
        if (next !== QUOTE) throw this.#unexpected(next);
        const key = this.value() as string;
        this.expect(COLON);
        yield key;
        const b = this.peek();
        if (b !== COMMA && b !== CLOSE_BRACE) throw this.#unexpected(b);
        this.#pos++;
        if (b === CLOSE_BRACE) break;
      }
    }
    this.end();
  }

  /** The file ends here (after white space). */
  end(): void {
    const next = this.peek();
    if (next !== -1) throw this.#unexpected(next);
  }

  /**
   * Goes through the whole file as JSON (from after its byte order mark), parsing every value and
   * keeping none, to its first fault. A file without one is valid JSON: a 'shape' fault, whose value
   * is the top level's (an array as [], its records not kept; an object as {}).
   */
  fault(): NotStreamable {
    try {
      const first = this.peek();
      let value: unknown;
      if (first === OPEN_BRACE) {
        for (const _ of this.keys()) {
          if (this.atArray()) this.records(() => undefined);
          else this.value();
        }
        value = {};
      } else if (first === OPEN_BRACKET) {
        this.records(() => undefined);
        this.end();
        value = [];
      } else {
        value = this.value();
        this.end();
      }
      return new NotStreamable('shape', this.#base + this.#pos, value);
    } catch (error) {
      if (error instanceof NotStreamable) return error;
      throw error;
    }
  }

  /** Whether the next value is an array. */
  atArray(): boolean {
    return this.peek() === OPEN_BRACKET;
  }

  /** The records of the top-level array under `wanted`, parsed one by one; the rest is passed over. */
  *collection(wanted: string): Generator<unknown, void> {
    for (const key of this.keys()) {
      if (!this.atArray()) this.value(false);
      else if (key !== wanted) this.records(null);
      else return yield* this.items();
    }
  }

  /**
   * The top-level object entry by entry: `entry(key, isArray)` says what to do with each. An
   * array's records go one by one to the handler it returns (null: passed over unparsed); any
   * other value is parsed and given to `value`.
   */
  entries(entry: (key: string, isArray: boolean) => ((value: unknown, index: number) => void) | null, value: (key: string, value: unknown) => void): void {
    for (const key of this.keys()) {
      if (this.atArray()) this.records(entry(key, true));
      else value(key, this.value());
    }
  }

  /** The top-level object, its arrays read record by record. */
  document(): Record<string, unknown> {
    const doc: Record<string, unknown> = {};
    for (const key of this.keys()) {
      const value = this.atArray() ? this.array() : this.value();
      // As JSON.parse: a repeated key keeps its last value; "__proto__" is a plain key.
      Object.defineProperty(doc, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return doc;
  }
}

/**
 * The file's top-level JSON object, read record by record; null when the file is not a JSON
 * object in UTF-8 (the caller reads it whole to say what is wrong). File errors (missing,
 * unreadable) are thrown as they come.
 */
export function readJsonObjectStreaming(file: string, options: { chunkBytes?: number } = {}): Record<string, unknown> | null {
  const fd = fs.openSync(file, 'r');
  try {
    return new ChunkReader(fd, options.chunkBytes ?? CHUNK).document();
  } catch (error) {
    if (error instanceof NotStreamable) return null;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Goes through the file's top-level JSON object once, without keeping it (an import in slices,
 * ./import-file.ts): `entry(key, isArray)` is asked for each key; for an array it returns what takes
 * each record (parsed, in order) or null to pass the array over unparsed. Any other value is parsed
 * and given to `value`. Returns false when the file is not a JSON object in UTF-8 (some handlers
 * may have run by then). File errors are thrown as they come.
 */
export function scanJsonObject(
  file: string,
  entry: (key: string, isArray: boolean) => ((record: unknown, index: number) => void) | null,
  value: (key: string, value: unknown) => void,
  options: { chunkBytes?: number } = {},
): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    new ChunkReader(fd, options.chunkBytes ?? CHUNK).entries(entry, value);
    return true;
  } catch (error) {
    if (error instanceof NotStreamable) return false;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The records of the array under `key` at the top of the file, one by one (an import in slices,
 * ./import-file.ts): the file was gone through once already by scanJsonObject, so a file that no longer
 * reads is one changed since; that is an ApiError('CONFLICT').
 */
export function* readCollection(file: string, key: string, options: { chunkBytes?: number } = {}): Generator<unknown, void> {
  const fd = fs.openSync(file, 'r');
  try {
    yield* new ChunkReader(fd, options.chunkBytes ?? CHUNK).collection(key);
  } catch (error) {
    if (error instanceof NotStreamable) throw new ApiError('CONFLICT', `Tệp ${file} đã thay đổi trong khi đang nhập: sổ không thay đổi. Hãy nhập lại khi tệp đã ghi xong.`);
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/** What is wrong with a file that is not a JSON object in UTF-8 (describeJsonFile). */
export type JsonFileFault =
  | { fault: 'utf8' }
  | { fault: 'empty' }
  /** The first byte that breaks the JSON ('syntax'), or the end of a file that ends too early ('end'): line and column from 1, as lineColumn counts them in the text. */
  | { fault: 'syntax' | 'end'; line: number; column: number }
  /** Valid JSON whose top level is not an object: that value (an array as [], its records not kept). */
  | { fault: 'shape'; value: unknown };

/**
 * The file's bytes from `from` to `to` (or its end), a chunk at a time, read at their place (the
 * file's own position is left as it is). Each chunk is the same buffer, filled anew: use it before
 * asking for the next.
 */
function* fileChunks(fd: number, chunk: number, from = 0, to = Infinity): Generator<Buffer, void> {
  const buffer = Buffer.allocUnsafe(chunk);
  for (let position = from; position < to; ) {
    const n = fs.readSync(fd, buffer, 0, Math.min(chunk, to - position), position);
    if (n === 0) return;
    yield buffer.subarray(0, n);
    position += n;
  }
}

/** Whether the whole file is UTF-8, decoded a chunk at a time and kept nowhere. */
function isUtf8File(fd: number, chunk: number): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (const bytes of fileChunks(fd, chunk)) decoder.decode(bytes, { stream: true });
    decoder.decode();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return false;
    throw error;
  }
}

/**
 * The line and column (from 1) of byte `at` of a UTF-8 file, counted as lineColumn counts them in
 * the file's text (shared/interchange/json-syntax.ts): lines end at a line feed, the column counts
 * UTF-16 units (a character beyond U+FFFF is two) from the line's start, a byte order mark is not
 * counted.
 */
function lineColumnAt(fd: number, at: number, chunk: number): { line: number; column: number } {
  const head = Buffer.alloc(3);
  const bom = fs.readSync(fd, head, 0, 3, 0) === 3 && startsWithBom(head);
  let line = 1;
  let column = 1;
  for (const bytes of fileChunks(fd, chunk, bom ? 3 : 0, at)) {
    let from = 0;
    for (let nl = bytes.indexOf(0x0a); nl >= 0; nl = bytes.indexOf(0x0a, from)) {
      line += 1;
      column = 1;
      from = nl + 1;
    }
    for (let i = from; i < bytes.length; i++) {
      const b = bytes[i]!;
      // A UTF-8 sequence's first byte is one unit; a four-byte one is a surrogate pair.
      if ((b & 0xc0) !== 0x80) column += b >= 0xf0 ? 2 : 1;
    }
  }
  return { line, column };
}

/**
 * What is wrong with a file that readJsonObjectStreaming refused (not a JSON object in UTF-8), found
 * as reading it whole would find it (a text that is not UTF-8 first, then an empty one, then the
 * first byte that breaks the JSON), going through the file in chunks: a file of any size, even one
 * larger than a JavaScript string can hold. Null when the file is a JSON object in UTF-8 after all
 * (it changed since). File errors are thrown as they come.
 */
export function describeJsonFile(file: string, options: { chunkBytes?: number } = {}): JsonFileFault | null {
  const chunk = options.chunkBytes ?? CHUNK;
  const fd = fs.openSync(file, 'r');
  try {
    if (!isUtf8File(fd, chunk)) return { fault: 'utf8' };
    const reader = new ChunkReader(fd, chunk);
    reader.skipBom();
    if (reader.peek() === -1) return { fault: 'empty' };
    const found = reader.fault();
    if (found.fault === 'shape') {
      const { value } = found;
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : { fault: 'shape', value };
    }
    // The file was UTF-8 through and through a moment ago: a value that is not is one changed since.
    if (found.fault === 'utf8') return { fault: 'utf8' };
    return { fault: found.fault, ...lineColumnAt(fd, found.at, chunk) };
  } finally {
    fs.closeSync(fd);
  }
}
