import { neutralizeFormula } from './formulaText.js';

// Writing CSV that opens safely in Excel: quoted where needed, and text cells that begin with
// = + - @ (or a tab or carriage return) prefixed with an apostrophe, so a spreadsheet never runs
// them as formulas (CSV injection). Numbers are written as numbers and are never prefixed.

export function safeCell(value: string | number | null | undefined, neutralize = true): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralize ? neutralizeFormula(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `neutralize: false` only for CSV that never reaches a spreadsheet (the entry grid's figures, fed
 * straight to the importer, where "-5" must stay a negative number).
 */
export function toCsv(rows: (string | number | null | undefined)[][], options: { neutralize?: boolean } = {}): string {
  const neutralize = options.neutralize ?? true;
  return `${rows.map((r) => r.map((c) => safeCell(c, neutralize)).join(',')).join('\r\n')}\r\n`;
}
