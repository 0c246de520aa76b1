// JSON read strictly, for two jobs JSON.parse does not do well enough.
// - Where a text first goes wrong. JSON.parse says so only for some mistakes ("Unexpected token"
//   comes without a position), and an officer fixing a file by hand needs the line.
// - Keys that V8's JSON.parse misreads. In the V8 of Node 24 (and Node 26, Electron's Chromium of
//   the same line), an object key that is one escaped character ("\"", "\n", "\t"...) is read as
//   a backslash once any earlier parse has seen a key "\\" at the same place in an object
//   (nodejs/node#63785, open; V8 issue 521080746). A string value is not affected, nor a key of
//   any other shape. `parseJson` gives such texts to the strict reader below, which reads each
//   key as a string value, so a foreign file is read as written whatever was parsed before it.

/** Thrown by the strict reader at the offset of the first character that breaks the syntax. */
class SyntaxAt {
  readonly offset: number;
  constructor(offset: number) {
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JSON's white space (RFC 8259): space, tab, line feed, carriage return. */
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/**
 * The strict RFC 8259 reader: the value of `text` when `build`, else only its syntax checked
 * (undefined). Throws SyntaxAt where the text goes wrong (text.length when it ends too early).
 * Strings and numbers are converted by JSON.parse one token at a time (a string token is not a
 * key to V8, so it is read right); an object's keys are defined as JSON.parse defines them: a
 * repeated key keeps its last value and "__proto__" is a plain key.
 */
function readStrict(text: string, build: boolean): unknown {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const ws = () => {
    while (isSpace(text[i])) i += 1;
  };

  const string = (): string | undefined => {
    const start = i;
    i += 1;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i += 1;
        return build ? (JSON.parse(text.slice(start, i)) as string) : undefined;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail();
        continue;
      }
      if (ch < ' ') fail();
      i += 1;
    }
    return fail();
  };

  const value = (): unknown => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i += 1;
      const object: Record<string, unknown> | undefined = build ? {} : undefined;
      ws();
      if (text[i] === '}') {
        i += 1;
        return object;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = string();
        ws();
        if (text[i] !== ':') fail();
        i += 1;
        const item = value();
        if (object) Object.defineProperty(object, key!, { value: item, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === '}') {
          i += 1;
          return object;
        } else fail();
      }
    }
    if (ch === '[') {
      i += 1;
      const array: unknown[] | undefined = build ? [] : undefined;
      ws();
      if (text[i] === ']') {
        i += 1;
        return array;
      }
      for (;;) {
        const item = value();
        array?.push(item);
        ws();
        if (text[i] === ',') i += 1;
        else if (text[i] === ']') {
          i += 1;
          return array;
        } else fail();
      }
    }
    if (ch === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) {
      const start = i;
      i = NUMBER.lastIndex;
      return build ? (JSON.parse(text.slice(start, i)) as number) : undefined;
    }
    for (const [literal, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return result;
      }
    }
    return fail();
  };

  const result = value();
  ws();
  if (i < text.length) fail();
  return result;
}

/**
 * The offset of the first character that makes `text` invalid JSON (text.length when it ends too
 * early), or null when it is valid. Run only after JSON.parse failed.
 */
export function jsonErrorOffset(text: string): number | null {
  try {
    readStrict(text, false);
    return null;
  } catch (error) {
    if (error instanceof SyntaxAt) return Math.min(error.offset, text.length);
    // Nesting deeper than the stack: leave the position to JSON.parse's own message.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * Whether some object key in `text` is written with an escape: the keys V8 may misread (see the
 * top of this file). Most texts have no backslash at all, and then one indexOf answers. Otherwise
 * it walks the text string by string (a string starts at the first quote outside a string and
 * ends at the next quote after an even run of backslashes) and looks for a `:` after a string
 * with a backslash. For a text that is not JSON the answer does not matter: both readers refuse it.
 */
export function hasEscapedKey(text: string): boolean {
  let backslash = text.indexOf('\\');
  if (backslash < 0) return false;
  let pos = 0;
  for (;;) {
    const open = text.indexOf('"', pos);
    if (open < 0) return false;
    let close = open;
    for (;;) {
      close = text.indexOf('"', close + 1);
      if (close < 0) return false;
      let k = close - 1;
      while (text.charCodeAt(k) === 0x5c) k -= 1;
      if ((close - 1 - k) % 2 === 0) break;
    }
    pos = close + 1;
    if (backslash < open) backslash = text.indexOf('\\', open + 1);
    if (backslash < 0) return false;
    if (backslash > close) continue;
    while (isSpace(text[pos])) pos += 1;
    if (text[pos] === ':') return true;
  }
}

/**
 * JSON.parse, read as written: a text with an escaped key goes to the strict reader, which V8's
 * key bug cannot reach (see the top of this file). Throws a SyntaxError on invalid JSON, as
 * JSON.parse does. For files from outside (interchange, reports of other units); the register's
 * own JSON (settings, audit) has only its own plain keys.
 */
export function parseJson(text: string): unknown {
  if (!hasEscapedKey(text)) return JSON.parse(text) as unknown;
  try {
    return readStrict(text, true);
  } catch (error) {
    // JSON.parse names the mistake as it always has; nesting deeper than the strict reader's
    // stack is left to it too.
    if (error instanceof SyntaxAt || error instanceof RangeError) return JSON.parse(text) as unknown;
    throw error;
  }
}

/** Line and column, both from 1, of an offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
