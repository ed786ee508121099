/**
 * Parses tab-separated text with a header line into records keyed by the header. No quoting:
 * seed files never contain tabs or newlines inside a field, which keeps them diff-friendly.
 * Throws with the file name, line and column count when a row does not fit the header.
 */
export function parseTsv(text: string, fileName: string, expectedHeader: readonly string[]): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  if (header.join('\t') !== expectedHeader.join('\t')) {
    throw new Error(`${fileName}: header must be "${expectedHeader.join(' | ')}", found "${header.join(' | ')}"`);
  }
  const rows: Record<string, string>[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split('\t');
    if (cells.length !== header.length) {
      throw new Error(`${fileName} line ${i + 2}: expected ${header.length} columns, found ${cells.length}`);
    }
    rows.push(Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])));
  });
  return rows;
}
