import { rectifyConfusion } from 'unicode-confusables';
import { INVISIBLE, invisibleCharacters, showInvisible } from './invisible';

export { invisibleCharacters, showInvisible };

/**
 * Names made to pass for another (Unicode TR39): invisible and direction-changing characters,
 * letters from several scripts, letters that only look Latin, and names whose confusable
 * skeleton equals another agent's name. The confusable data is the maintained
 * `unicode-confusables` package (UTS 39 confusables.txt); scripts come from the JavaScript
 * engine's Unicode property escapes.
 */

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Cherokee',
  'Coptic',
  'Arabic',
  'Hebrew',
  'Han',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Hangul',
  'Thai',
  'Devanagari',
  'Bengali',
  'Tamil',
  'Ethiopic',
  'Canadian_Aboriginal',
  'Lisu',
  'Vai',
  'Tifinagh',
  'Runic',
  'Osage',
  'Deseret',
  'Mongolian',
] as const;
const scriptPatterns = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const);

/** Script mixes that real names use (TR39 "highly restrictive"): Japanese, Chinese, Korean with Latin. */
const ALLOWED_MIXES: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

function scriptOf(char: string): string {
  for (const [name, pattern] of scriptPatterns) if (pattern.test(char)) return name;
  return 'Other';
}

/** The scripts of a value's letters (digits, punctuation and marks belong to none). */
export function scriptsOf(value: string): string[] {
  const found = new Set<string>();
  for (const char of value) {
    // letters shared by scripts (the Japanese length mark ー) belong to none of them
    if (/\p{L}/u.test(char) && !/[\p{Script=Common}\p{Script=Inherited}]/u.test(char)) {
      found.add(scriptOf(char));
    }
  }
  return [...found].sort();
}

export function isMixedScript(value: string): boolean {
  const scripts = scriptsOf(value);
  if (scripts.length <= 1) return false;
  return !ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.has(s)));
}

/**
 * What a value looks like to a reader: compatibility forms folded (full-width letters), invisible
 * characters dropped, each character replaced by the one it is confusable with, case ignored.
 */
export function skeletonOf(value: string): string {
  const folded = value.normalize('NFKC').replace(INVISIBLE, '');
  return rectifyConfusion(folded.normalize('NFD')).normalize('NFD').toLowerCase().trim();
}

/**
 * Non-Latin letters that pass for Latin ones, e.g. Cyrillic “С” in “Сlaude”: in a name that also
 * has Latin letters, or one that reads as Latin throughout (“аре”, TR39's whole-script
 * confusable). A plain Cyrillic or Greek name is no lookalike.
 */
export function latinLookalikes(value: string): string[] {
  const letters = [...value.normalize('NFC')].filter((c) => /\p{L}/u.test(c)).join('');
  const readsLatin = /^[\x20-\x7e]*$/.test(rectifyConfusion(letters));
  if (!scriptsOf(value).includes('Latin') && !readsLatin) return [];
  const found = new Set<string>();
  for (const char of value.normalize('NFC')) {
    if (!/\p{L}/u.test(char) || scriptOf(char) === 'Latin') continue;
    const looksLike = rectifyConfusion(char);
    if (looksLike !== char && /^[\x20-\x7e]+$/.test(looksLike)) {
      found.add(`“${char}” (${scriptOf(char).replace('_', ' ')}, looks like “${looksLike}”)`);
    }
  }
  return [...found];
}

/** Full-width and other compatibility letters (“ＣＬＡＵＤＥ”): real names do not need them. */
export function hasCompatibilityForms(value: string): boolean {
  return (
    value.replace(INVISIBLE, '').normalize('NFKC') !== value.replace(INVISIBLE, '').normalize('NFC')
  );
}

/** Whether a value, on its own, is built to deceive: such a name never joins another's family. */
export function isSuspiciousText(value: string): boolean {
  return (
    invisibleCharacters(value).length > 0 ||
    hasCompatibilityForms(value) ||
    isMixedScript(value) ||
    latinLookalikes(value).length > 0
  );
}

/** Everything a reader should know about one name. */
export type TextFindings = {
  invisible: string[];
  scripts: string[];
  mixedScript: boolean;
  compatibilityForms: boolean;
  latinLookalikes: string[];
};

export function textFindings(value: string): TextFindings {
  return {
    invisible: invisibleCharacters(value),
    scripts: scriptsOf(value),
    mixedScript: isMixedScript(value),
    compatibilityForms: hasCompatibilityForms(value),
    latinLookalikes: latinLookalikes(value),
  };
}

/**
 * The name among `others` that `name` imitates: a different name that reads the same. Exact
 * equals (differently cased included) are re-registrations, not imitations.
 */
export function imitatedName<T extends { name: string }>(name: string, others: T[]): T | null {
  const skeleton = skeletonOf(name);
  if (!skeleton) return null;
  const plain = name.normalize('NFC').toLowerCase();
  return (
    others.find(
      (o) => o.name.normalize('NFC').toLowerCase() !== plain && skeletonOf(o.name) === skeleton,
    ) ?? null
  );
}

/** One sentence on what is wrong with a value, or null when nothing is. */
export function describeFindings(what: string, value: string): string | null {
  const f = textFindings(value);
  const parts: string[] = [];
  if (f.invisible.length > 0) {
    parts.push(
      `contains invisible or direction-changing characters (${[...new Set(f.invisible)].join(', ')})`,
    );
  }
  if (f.mixedScript) parts.push(`mixes ${f.scripts.join(' and ').replaceAll('_', ' ')} letters`);
  if (f.latinLookalikes.length > 0) parts.push(`uses ${f.latinLookalikes.join(', ')}`);
  if (f.compatibilityForms) parts.push('uses full-width or other compatibility letters');
  if (parts.length === 0) return null;
  return `The ${what} ${parts.join('; ')}: “${showInvisible(value)}”.`;
}
