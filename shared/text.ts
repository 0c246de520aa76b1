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
