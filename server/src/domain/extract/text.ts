// The document's text, and a view of it for matching. Plan files quote clauses verbatim, so the
// extractor never rewrites what it returns: it reads a *view* of the same length, one character for
// one, in which full-width digits and letters are ASCII, traditional characters are simplified
// (Panjin's page is in traditional characters: 盤錦, 高新技術企業) and Latin letters are lower case.
// An offset in the view is an offset in the text, so a clause is `text.slice(start, end)`.

import { Converter } from 'opencc-js/t2cn';

/** The private-use glyph some Chinese web pages print where a decimal point was (Lüliang's copy: 2\uE0105%). */
export const DAMAGED_DECIMAL = '\uE010';

/**
 * The text as stored and shown: line ends unified, a byte-order mark and no-break spaces gone. This is
 * the document body a plan file's clauses are checked against, so the page saves exactly this text.
 */
export function normaliseDocument(raw: string): string {
  let s = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  s = s.replace(/\r\n?/g, '\n').replace(/\u00A0/g, ' ');
  return s;
}

const toSimplified = Converter({ from: 't', to: 'cn' });
const charCache = new Map<string, string>();

function simplifyChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  const converted: string = toSimplified(ch);
  // A conversion that changes the length (none known for single characters) would break offsets.
  const out = converted.length === ch.length ? converted : ch;
  charCache.set(ch, out);
  return out;
}

/** Full-width ASCII (ＡＢＣ１２３％) to ASCII; the ideographic space to a space; the rest unchanged. */
function halfWidth(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  return code;
}

/** The matching view of `text`: same length, same offsets (see the file comment). */
export function matchView(text: string): string {
  // Whole-text conversion is phrase-aware and fast; when it keeps the length it is the view. When it
  // does not (a phrase mapped to a different length), fall back to one character at a time.
  const whole = toSimplified(text);
  const simplified = whole.length === text.length ? whole : Array.from(text, simplifyChar).join('');
  let out = '';
  for (let i = 0; i < simplified.length; i++) {
    const code = halfWidth(simplified.charCodeAt(i));
    const ch = String.fromCharCode(code);
    out += code >= 0x41 && code <= 0x5a ? ch.toLowerCase() : ch;
  }
  return out;
}

export const isCjk = (ch: string | undefined): boolean =>
  ch !== undefined && ((ch >= '\u4e00' && ch <= '\u9fff') || (ch >= '\u3400' && ch <= '\u4dbf'));
export const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
export const isLatin = (ch: string | undefined): boolean => ch !== undefined && ch >= 'a' && ch <= 'z';

/**
 * The tokens a name is compared by: CJK character bigrams (a lone character as itself) and Latin/digit
 * words (r&d, gdp, 4a). Punctuation and spaces break runs, so 工程(技术)研究中心 gives 工程, 技术, 研究…
 */
export function tokens(view: string): string[] {
  const out: string[] = [];
  let run = '';
  let word = '';
  const flushRun = () => {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    run = '';
  };
  const flushWord = () => {
    if (word.length > 0) out.push(word);
    word = '';
  };
  for (const ch of view) {
    if (isCjk(ch)) {
      flushWord();
      run += ch;
    } else if (isLatin(ch) || isDigit(ch) || (ch === '&' && word.length > 0)) {
      flushRun();
      word += ch;
    } else {
      flushRun();
      flushWord();
    }
  }
  flushRun();
  flushWord();
  return out;
}
