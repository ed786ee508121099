import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every word the web app shows comes from the translations (zh-CN and en). This walks every .tsx
// file of web/src with the TypeScript parser and lists JSX text, and the attributes a reader or a
// screen reader meets, that hold letters or Chinese characters written in the code.

const WEB_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'src');
const SHOWN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
  'label',
]);
const WORDS = /[A-Za-z\u3400-\u9fff]/;

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

/** Hard-coded words in one file's JSX, as "file:line what". */
function hardCodedWords(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.getText())) found.push(`${where(node)} text "${node.getText().trim()}"`);
    if (
      ts.isJsxAttribute(node) &&
      SHOWN_ATTRIBUTES.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      WORDS.test(node.initializer.text)
    ) {
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('UI strings', () => {
  it('finds a hard-coded word in JSX text and in a shown attribute, and none in a translated one', () => {
    expect(hardCodedWords('a.tsx', 'export const A = () => <p title="Close">保存</p>;')).toEqual([
      'a.tsx:1 title="Close"',
      'a.tsx:1 text "保存"',
    ]);
    expect(hardCodedWords('b.tsx', 'export const B = () => <p title={t("x")} className="note">{t("y")} · 2020</p>;')).toEqual([]);
  });

  it('has none in the web app: every word comes from the translations', () => {
    const files = tsxFiles(WEB_SRC);
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((file) => hardCodedWords(path.relative(WEB_SRC, file), fs.readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
