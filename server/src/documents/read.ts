import { createRequire } from 'node:module';
import path from 'node:path';
import { convert } from 'html-to-text';
import mammoth from 'mammoth';
import { decode } from '../domain/import/text.js';

// The text of an uploaded plan document: .txt (UTF-8, else GB18030, as every upload is read),
// .html (html-to-text: paragraphs as lines, tables as columns two or more spaces apart, which the
// extractor reads as table rows), .docx (mammoth to HTML, then the same) and a PDF with a text layer
// (pdfjs-dist, with its CJK character maps). A scanned PDF has no text: refused with that reason.

export type DocumentFormat = 'txt' | 'html' | 'docx' | 'pdf';

export class DocumentUnreadable extends Error {
  constructor(
    readonly code: 'unknown_format' | 'undecodable' | 'pdf_without_text' | 'document_unreadable' | 'document_empty',
    message: string,
  ) {
    super(message);
  }
}

export function formatOf(fileName: string): DocumentFormat | null {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.txt' || ext === '.text') return 'txt';
  if (ext === '.html' || ext === '.htm' || ext === '.shtml') return 'html';
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  return null;
}

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    preserveNewlines: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { colSpacing: 3, uppercaseHeaderCells: false } },
    ],
  });
}

function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const d = decode(bytes);
  if (!d.ok) throw new DocumentUnreadable('undecodable', `the file is neither UTF-8 nor GB18030 (line ${d.line}: ${d.reason})`);
  return { text: d.text, encoding: d.encoding };
}

const require = createRequire(import.meta.url);

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: `${path.join(root, 'cmaps')}${path.sep}`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}${path.sep}`,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let line = '';
    const lines: string[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line !== '') lines.push(line);
    pages.push(lines.join('\n'));
    page.cleanup();
  }
  await doc.destroy();
  return pages.join('\n');
}

export async function documentText(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ text: string; format: DocumentFormat; encoding: string | null }> {
  const format = formatOf(fileName);
  if (!format) throw new DocumentUnreadable('unknown_format', 'the file is not .txt, .html, .docx or .pdf');
  let text: string;
  let encoding: string | null = null;
  try {
    if (format === 'txt') ({ text, encoding } = decodeText(bytes));
    else if (format === 'html') {
      const d = decodeText(bytes);
      encoding = d.encoding;
      text = htmlToText(d.text);
    } else if (format === 'docx') {
      const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
      text = htmlToText(value);
    } else {
      text = await pdfText(bytes);
      if (text.replace(/\s/g, '').length === 0)
        throw new DocumentUnreadable('pdf_without_text', 'the PDF has no text layer (a scan): paste its text instead');
    }
  } catch (e) {
    if (e instanceof DocumentUnreadable) throw e;
    throw new DocumentUnreadable('document_unreadable', `the ${format} file cannot be read: ${(e as Error).message}`);
  }
  if (text.trim() === '') throw new DocumentUnreadable('document_empty', 'the document has no text');
  return { text, format, encoding };
}
