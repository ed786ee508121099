// Text normalisation shared by headers, names, codes and numbers. NFKC turns full-width digits,
// letters, brackets and punctuation (２.６％, （万元）, ，) into their ASCII forms.

/**
 * The longest cell the parser reads with a pattern (a name, a code, a year, a value, a unit, a
 * header): longer is `cell_too_long`, found before any pattern sees it. No name, figure or unit
 * comes near it, and every pattern then runs on a bounded text.
 */
export const MAX_CELL_CHARS = 1000;
/** Free text kept as written (source link, note): longer, still bounded. */
export const MAX_TEXT_CELL_CHARS = 2000;
/** A source title: the same limit as the upload's default source and the single-figure form. */
export const MAX_SOURCE_CHARS = 300;

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u00a0\u3000]+/g;
// ASCII, CJK ideographs and the punctuation of Chinese text that NFKC leaves as it is: most cells of
// a big file, which then skip the (costly) normalisation.
const NFKC_INVARIANT = /^[\x20-\x7e\u4e00-\u9fff\u3001\u3002\u201c\u201d\u2018\u2019\u2014\u00b7\u3010\u3011\u300a\u300b]*$/;

/** NFKC, invisible characters removed, spaces collapsed and trimmed. */
export function clean(text: string): string {
  if (NFKC_INVARIANT.test(text)) {
    // No invisible characters, and no space but ' ': only a run of them to collapse. Most cells of a
    // big file are such, and the two replacements were a tenth of reading it.
    return (text.includes('  ') ? text.replace(SPACES, ' ') : text).trim();
  }
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

// After NFKC, accents sit on precomposed Latin letters (ü), not as combining marks.
const ACCENTED = /[\u00c0-\u024f\u1e00-\u1eff]/;

/**
 * A key for matching names: clean, accents removed (Lüliang → luliang), lower case, no spaces, and
 * curly quotes made straight. Not traditional → simplified.
 */
export function matchKey(text: string): string {
  let key = clean(text);
  // Only Latin letters carry accents worth removing; decomposing everything costs time on big files.
  if (ACCENTED.test(key)) key = key.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
  return key
    .toLowerCase()
    .replace(/[“”„"]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/\s+/g, '');
}

/** A leading apostrophe is Excel's mark for "keep as text" (and the export's CSV-injection guard). */
export function stripTextMark(text: string): string {
  return text.length > 1 && text.startsWith("'") ? text.slice(1) : text;
}

const PAREN = /\(([^()]*)\)|\[([^[\]]*)\]|【([^【】]*)】|〔([^〔〕]*)〕/g;

/** The text without its bracketed parts, and the bracketed parts: "数值(万元)" → "数值", ["万元"]. */
export function splitBrackets(text: string): { base: string; parts: string[] } {
  const parts: string[] = [];
  const base = text.replace(PAREN, (_m, a?: string, b?: string, c?: string, d?: string) => {
    parts.push((a ?? b ?? c ?? d ?? '').trim());
    return ' ';
  });
  return { base: base.replace(/\s+/g, ' ').trim(), parts };
}
