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
