// LIKE patterns over folded text. User input is escaped so % and _ match themselves.

export function likeContains(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
