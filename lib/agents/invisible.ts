/**
 * Characters that show nothing or turn text around: zero-width, joiners, bidi controls, BOM. Kept
 * apart from lookalike.ts (and its confusables data) so browser code can write them out cheaply.
 */
export const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cf}\u2028\u2029]/gu;

const codePoint = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The invisible characters of a value, as code points (U+200B…). */
export function invisibleCharacters(value: string): string[] {
  return [...value.matchAll(INVISIBLE)].map((m) => codePoint(m[0]));
}

/** The value with every invisible character written out, e.g. `Clau⟨U+200B⟩de`. */
export function showInvisible(value: string): string {
  return value.replace(INVISIBLE, (char) => `⟨${codePoint(char)}⟩`);
}
