/**
 * Free text over the audit trail. The database keeps a vector of each event's words and whole
 * identifiers (db/schema/audit.ts); this turns what someone typed into a query over it. Each word
 * typed must match, as a prefix, either a whole identifier (`alice@corp` finds
 * `alice@corp.example`, `203.0.113` finds `203.0.113.5`) or the event's words in a row
 * (`create_issue` finds `github.create_issue`: `create` and `issue…`).
 */

export const MAX_SEARCH_WORDS = 8;

/** The words typed, as the database lowered and split them (so both sides split alike). */
export type SearchWord = { whole: string; parts: string[] };

export function searchWordsOf(text: string): string[] {
  return [...new Set(text.trim().split(/\s+/).filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
}

/** A lexeme as tsquery input reads it: quoted, quotes and backslashes doubled. */
function lexeme(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A token reference, a family or client id: long, letters and digits. Such a word is looked for
 * only as a whole identifier. Its parts would add nothing (they come from the same columns), and
 * a common part (`tok` of `tok_8f3a…`) makes PostgreSQL expect thousands of matches and walk the
 * whole trail newest first for the few there are: over a minute at 10 million events, against a
 * few milliseconds through the search index.
 */
function isOpaqueId(whole: string): boolean {
  return whole.length >= 10 && /\d/.test(whole) && /[a-z]/.test(whole);
}

function termOf(word: SearchWord): string | null {
  const { whole, parts } = word;
  if (!whole) return null;
  const prefix = `${lexeme(whole)}:*`;
  if (parts.length === 0 || (parts.length === 1 && parts[0] === whole)) return prefix;
  if (isOpaqueId(whole)) return prefix;
  const inWords = parts.map((p, i) => (i === parts.length - 1 ? `${lexeme(p)}:*` : lexeme(p)));
  return `(${prefix} | ${inWords.join(' & ')})`;
}

/** tsquery text matching events that contain every word; null when nothing searchable was typed. */
export function buildSearchQuery(words: SearchWord[]): string | null {
  const terms = words.map(termOf).filter((t): t is string => t !== null);
  return terms.length ? terms.join(' & ') : null;
}
