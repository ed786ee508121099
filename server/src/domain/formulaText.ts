// Text a spreadsheet could run as a formula (CSV or formula injection, OWASP): a cell whose text
// begins with = + - @, a tab or a carriage return gets an apostrophe in front, Excel's own mark for
// "this is text", which the importer takes off again (stripTextMark). Numbers are never text here,
// so "-5" as a number stays -5; only text is ever prefixed.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text, with an apostrophe in front when a spreadsheet could read it as a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
