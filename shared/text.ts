// Vietnamese text helpers shared by every side: normalisation for storage and folding for search.

/** Trim and normalise to Unicode NFC, the form every text field is stored in. */
export function cleanText(value: string): string {
  return value.normalize('NFC').trim();
}

/** Like cleanText, but an empty result becomes null (optional fields). */
export function cleanOptional(value: string | null | undefined): string | null {
  if (value == null) return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : cleaned;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Fold text for search: lower case, tone and vowel marks removed, đ -> d, typographic
 * apostrophes -> ' (place names use both: "Ea H’Leo", "B'Lao"), spaces collapsed.
 * "Đất đai" -> "dat dai", "Nguyễn Văn Đức" -> "nguyen van duc", "ặ" -> "a".
 *
 * Folding runs for every name and text written or searched (an import folds millions), so text
 * made of Latin letters, Vietnamese letters, marks, punctuation and spaces — nearly all of a
 * register — is folded a character at a time through a table built once from `foldReference`;
 * any other character sends the whole text through `foldReference`. Same answer for every text
 * (tests/unit/text.test.ts compares the two on random texts).
 */
export function fold(value: string): string {
  const table = FOLD_TABLE ?? buildFoldTable();
  const length = value.length;
  if (FOLD_BUFFER.length < length) FOLD_BUFFER = new Uint16Array(Math.max(length, 2 * FOLD_BUFFER.length));
  const out = FOLD_BUFFER;
  let n = 0;
  let space = false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    const folded = code < FOLD_TABLE_SIZE ? table[code]! : WHOLE;
    if (folded === SPACE) {
      space = n > 0;
    } else if (folded === WHOLE) {
      return foldReference(value);
    } else if (folded !== DROP) {
      if (space) {
        out[n++] = 0x20;
        space = false;
      }
      out[n++] = folded;
    }
  }
  return n === 0 ? '' : n <= 64 ? String.fromCharCode.apply(null, out.subarray(0, n) as unknown as number[]) : UTF16.decode(out.subarray(0, n));
}

/** The folding rule itself, over the whole text (what `fold` answers for every text). */
export function foldReference(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** UTF-16 code units below this (Latin, Vietnamese letters, general punctuation) are in the table. */
const FOLD_TABLE_SIZE = 0x2070;
// What a code unit of the table folds to when not a code unit: a space (collapsed and trimmed by
// `fold`), nothing (a tone or vowel mark, removed), or "fold the whole text by the rule" (other
// combining marks, which normalization may reorder with their neighbours, and the rare letters
// that fold to two). Values no code unit of the table can fold to.
const SPACE = 0xfffe;
const DROP = 0xfffd;
const WHOLE = 0xffff;
let FOLD_TABLE: Uint16Array | null = null;
let FOLD_BUFFER = new Uint16Array(256);
const UTF16 = new TextDecoder('utf-16le');

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(FOLD_TABLE_SIZE);
  for (let code = 0; code < FOLD_TABLE_SIZE; code++) {
    const char = String.fromCharCode(code);
    if (/\s/.test(char)) table[code] = SPACE;
    else if (code >= 0x0300 && code <= 0x036f) table[code] = DROP;
    // Σ lower-cases to ς at the end of a word: the only lower case that depends on neighbours.
    else if (code === 0x03a3 || /\p{M}/u.test(char)) table[code] = WHOLE;
    else {
      const folded = foldReference(char);
      table[code] = folded.length === 1 && !/[\s\p{M}]/u.test(folded) ? folded.charCodeAt(0) : WHOLE;
    }
  }
  FOLD_TABLE = table;
  return table;
}

/** Control characters other than tab, newline and carriage return (C0, DEL, C1). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Whether a text holds a control character a register field must not store (tab and newline allowed). */
export function hasForbiddenControl(value: string): boolean {
  return FORBIDDEN_CONTROLS.test(value);
}

/** Whether a text holds a lone surrogate (invalid Unicode, which storage would silently replace). */
export function hasLoneSurrogate(value: string): boolean {
  // Nearly every text has no surrogate at all: that is one quick scan; the pairs are looked at only then.
  return SURROGATE.test(value) && LONE_SURROGATE.test(value);
}

const SURROGATE = /[\uD800-\uDFFF]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATES, '\uFFFD');
}

/** Removes the forbidden control characters (the renderer does this on paste, with a notice). */
export function stripControls(value: string): string {
  // eslint-disable-next-line no-control-regex
  return wellFormed(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

/**
 * Text made safe for a terminal: control characters (ESC, BEL, NUL, ...) shown as \u{..} escapes,
 * so a stored name can never move the cursor, recolour or clear the officer's terminal.
 * Newlines and tabs are kept.
 */
export function escapeTerminal(value: string): string {
  // eslint-disable-next-line no-control-regex
  return wellFormed(value).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
