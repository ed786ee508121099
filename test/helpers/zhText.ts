import ts from 'typescript';

// Helpers for the tests that read Chinese text for its punctuation: the import messages' and the
// reports'. A `${…}` of a template stands as a placeholder, which is neither prose nor punctuation.

export const PLACEHOLDER = '⟨…⟩';

/** A Chinese character or a mark of Chinese typography (CJK symbols and punctuation, full-width forms). */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** A string or template literal as text, each `${…}` a placeholder (nested templates are their own). */
export function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => PLACEHOLDER + s.literal.text).join('');
  return null;
}

// ---------------------------------------------------------------------------------------------
// Latin script on Chinese pages and in Chinese reports (issue 13): a Chinese reader meets no English
// sentence and no workshop word (a field name, a file name, a code point). A run of two or more Latin
// words anywhere the text is not Chinese is one, unless it is on the allow-list below: names, units
// and codes a Chinese text writes in Latin letters too.

/** One allowed use of Latin script, with the reason it is allowed. */
export interface LatinAllowance {
  pattern: RegExp;
  why: string;
}

/** What a Chinese page or report may write in Latin script. Each pattern is global and linear. */
export const LATIN_ALLOWED: readonly LatinAllowance[] = [
  { pattern: /R&D/g, why: 'R&D: how Chinese statistics write 研究与试验发展 in indicator names and clauses' },
  { pattern: /https?:\/\/[^\s，。；、）)"”]+/g, why: 'a source address' },
  {
    pattern: /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:cn|com|net|org|cc|info)\b/g,
    why: 'a source site named in a source title (转载, sxyh.gov.cn)',
  },
  { pattern: /\bOpen SDG\b/g, why: 'the name of the method the progress measure comes from' },
  { pattern: /\b[A-Z]\([a-z]\)/g, why: 'a formula: R(t)' },
  { pattern: /\bdemo-(?:admin|statistician|viewer|reporter|reviewer)\b/g, why: 'the demo accounts’ names' },
  { pattern: /\bDemo (?:admin|statistician|viewer|reporter|reviewer)\b/g, why: 'the demo accounts’ display names' },
  { pattern: /\bx+(?:\.x+)?%?/g, why: 'a figure masked in the source (x.x%)' },
];

/** A Chinese character (not the full-width forms: ＡＢＣ are Latin). */
const HAN_OR_CJK_MARK =
  /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;

/**
 * The runs of two or more Latin words in a Chinese text, each as found (trimmed), the allowed uses
 * taken out first. A run is a stretch without a Chinese character, a line break or a tab (a table
 * cell ends at a tab in innerText) holding two or more words of Latin letters: "isSample true→false",
 * "summary.rowsRead", "003_935a6b5ddc823531.txt", "U+E010", "The plan period has ended".
 */
export function latinRuns(text: string, allowed: readonly LatinAllowance[] = LATIN_ALLOWED): string[] {
  let rest = text;
  // An allowed use stands as a line break: it ends the stretch it is in.
  for (const { pattern } of allowed) rest = rest.replace(pattern, '\n');
  const runs: string[] = [];
  let stretch = '';
  const close = () => {
    const words = stretch.match(/[A-Za-z]+/g) ?? [];
    if (words.length >= 2) runs.push(stretch.trim());
    stretch = '';
  };
  for (const ch of rest) {
    if (ch === '\n' || ch === '\t' || ch === '\r' || HAN_OR_CJK_MARK.test(ch)) close();
    else stretch += ch;
  }
  close();
  return runs;
}
