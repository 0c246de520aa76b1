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
 */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
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
  return LONE_SURROGATE.test(value);
}

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
