// LIKE patterns over folded text. User input is escaped so % and _ match themselves.

export function likeContains(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Matches `' ' || text` when a word of the text begins with `folded` (words split at spaces). */
export function likeWordPrefix(folded: string): string {
  return `% ${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
