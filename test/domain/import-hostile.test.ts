import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import type { ImportContext, ImportLimits } from '../../server/src/domain/import/types.js';
import { countRows, hasEntityDeclaration } from '../../server/src/domain/import/xlsx.js';
import { readZipDirectory, readZipEntry, ZipError, ZipSizeError } from '../../server/src/domain/import/zip.js';

// Files meant to hurt: zip bombs, XML entity declarations, binary files under a spreadsheet's name,
// files past the limits. Every one must come back as a fatal issue, quickly, without a throw.

const ctx: ImportContext = {
  regions: [{ code: '141100', nameZh: '吕梁市', nameEn: 'Lüliang' }],
  indicators: [
    {
      code: 'high_tech_firms',
      nameZh: '高新技术企业数',
      nameEn: 'High-tech enterprises',
      unit: '家',
      unitEn: 'firms',
      kind: 'stock',
    },
  ],
};
const parse = (bytes: Uint8Array, name = 'figures.xlsx', limits?: Partial<ImportLimits>) =>
  parseImportFile(bytes, name, ctx, limits);

// ---- a ZIP writer small enough to lie on purpose ---------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Part {
  name: string;
  data: Uint8Array;
  store?: boolean;
  /** Sizes written in the directory instead of the true ones. */
  declaredSize?: number;
  zip64?: boolean;
}

function zip(parts: Part[], comment = ''): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = p.store ? Buffer.from(p.data) : deflateRawSync(p.data);
    const size = p.declaredSize ?? p.data.length;
    const crc = crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, body);
    const extra = Buffer.alloc(p.zip64 ? 20 : 0);
    if (p.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
    }
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(p.store ? 0 : 8, 10);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(p.zip64 ? 0xffffffff : body.length, 20);
    head.writeUInt32LE(p.zip64 ? 0xffffffff : Math.min(size, 0xffffffff), 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt16LE(extra.length, 30);
    head.writeUInt32LE(offset, 42);
    central.push(head, name, extra);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return new Uint8Array(Buffer.concat([...chunks, directory, end, Buffer.from(comment)]));
}

const text = (s: string) => new TextEncoder().encode(s);
const WORKBOOK = text('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('数据').addRows([
    ['地区', '指标', '年份', '数值'],
    ['吕梁市', '高新技术企业数', 2020, 80],
  ]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The workbook with one of its parts rewritten. */
async function rewrite(part: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(await workbook());
  const file = z.file(part);
  if (!file) throw new Error(`no ${part}`);
  z.file(part, edit(await file.async('string')));
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('the central-directory reader', () => {
  it('lists the parts of an exceljs workbook with their sizes, and inflates them', async () => {
    const bytes = await workbook();
    const entries = readZipDirectory(bytes);
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
    expect(sheet?.method).toBe(8);
    const xml = new TextDecoder().decode(readZipEntry(bytes, sheet as NonNullable<typeof sheet>));
    expect(xml).toContain('<sheetData>');
    expect(xml.length).toBe(sheet?.uncompressedSize);
  });

  it('finds the directory behind an archive comment, and reads ZIP64 sizes', () => {
    const bytes = zip(
      [
        { name: 'a.txt', data: text('hello'), store: true },
        { name: 'b.txt', data: text('world world world'), zip64: true },
      ],
      'a comment that is not a directory PK\u0005\u0006',
    );
    const entries = readZipDirectory(bytes);
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['a.txt', 5],
      ['b.txt', 17],
    ]);
    expect(new TextDecoder().decode(readZipEntry(bytes, entries[1] as (typeof entries)[number]))).toBe('world world world');
  });

  it('throws its own errors on a damaged or lying archive, never reads out of bounds', () => {
    const bytes = zip([{ name: 'a.txt', data: text('hello') }]);
    expect(() => readZipDirectory(bytes.subarray(0, bytes.length - 5))).toThrow(ZipError);
    expect(() => readZipDirectory(text('PK\u0003\u0004 not really'))).toThrow(ZipError);
    const liar = zip([{ name: 'a.txt', data: new Uint8Array(5000), declaredSize: 100 }]);
    expect(() => readZipEntry(liar, readZipDirectory(liar)[0] as ReturnType<typeof readZipDirectory>[number])).toThrow(
      ZipSizeError,
    );
  });

  it('counts worksheet rows, with or without a namespace prefix', () => {
    expect(
      countRows(text('<sheetData><row r="1"><c/></row><row r="2"/><x:row r="3"></x:row><rowBreaks/></sheetData><row>')),
    ).toBe(4);
  });

  it('finds entity declarations in any case and in UTF-16', () => {
    const decl = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>';
    expect(hasEntityDeclaration(text(decl))).toBe(true);
    expect(hasEntityDeclaration(text('<!doctype x><x/>'))).toBe(true);
    expect(hasEntityDeclaration(new Uint8Array(Buffer.from(decl, 'utf16le')))).toBe(true);
    expect(hasEntityDeclaration(new Uint8Array(Buffer.from(decl, 'utf16le').swap16()))).toBe(true);
    expect(hasEntityDeclaration(text('<x><![CDATA[<!]]><!-- DOCTYPE --></x>'))).toBe(false);
  });
});

describe('zip bombs', () => {
  it('refuses a directory that claims more than the uncompressed limit, before inflating anything', async () => {
    const bytes = zip([
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/worksheets/sheet1.xml', data: text('<worksheet/>'), declaredSize: 0xfffffff0 },
    ]);
    const r = await parse(bytes);
    expect(r.fatal).toMatchObject({ code: 'zip_bomb', severity: 'error' });
    expect(r.fatal?.message.zh).toContain('200 MB');
    expect(r.figures).toEqual([]);
  });

  it('refuses a part that deflates a long run of zeros (ratio over 100)', async () => {
    const bytes = zip([
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(2 * 1024 * 1024) },
    ]);
    expect(bytes.length).toBeLessThan(20 * 1024);
    expect((await parse(bytes)).fatal?.code).toBe('zip_bomb');
  });

  it('refuses a part that inflates past the size its directory declares', async () => {
    const bytes = zip([
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/media/image1.png', data: new Uint8Array(1024 * 1024), declaredSize: 1000 },
    ]);
    expect((await parse(bytes)).fatal?.code).toBe('zip_bomb');
  });

  it('applies the caller’s limits', async () => {
    const r = await parse(await workbook(), 'x.xlsx', { maxUncompressedBytes: 2000 });
    expect(r.fatal?.code).toBe('zip_bomb');
    expect((await parse(await workbook())).figures).toHaveLength(1);
  });

  it('refuses a directory of more parts than any workbook has', async () => {
    const parts = Array.from({ length: 10_001 }, (_, i) => ({ name: `p${i}`, data: new Uint8Array(0), store: true }));
    parts[0] = { name: 'xl/workbook.xml', data: WORKBOOK, store: true };
    expect((await parse(zip(parts))).fatal?.code).toBe('zip_bomb');
  });
});

describe('XML entity declarations', () => {
  it('refuses a sheet that declares entities (billion laughs), before exceljs parses it', async () => {
    const bytes = await rewrite('xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(
        '?>',
        '?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
      ),
    );
    const r = await parse(bytes);
    expect(r.fatal).toMatchObject({ code: 'xml_entities' });
    expect(r.fatal?.message.en).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses an external entity in the shared strings or the workbook', async () => {
    const xxe = (xml: string) => xml.replace('?>', '?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
    expect((await parse(await rewrite('xl/workbook.xml', xxe))).fatal?.code).toBe('xml_entities');
    expect((await parse(await rewrite('[Content_Types].xml', xxe))).fatal?.code).toBe('xml_entities');
  });
});

describe('not a spreadsheet, whatever the name', () => {
  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]],
    ['PDF', [...text('%PDF-1.7\n%âãÏÓ\n1 0 obj')]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]],
  ])('a %s file', async (what, bytes) => {
    const r = await parse(Uint8Array.from(bytes), 'figures.xlsx');
    expect(r).toMatchObject({ fileType: null, figures: [], fatal: { code: 'unsupported_type' } });
    expect(r.fatal?.message.en).toContain(what);
    expect(r.fatal?.message.zh).toContain('figures.xlsx');
  });

  it('an old binary .xls (OLE compound file): save as .xlsx or CSV', async () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    const r = await parse(ole, '2020.xls');
    expect(r.fatal?.code).toBe('unsupported_type');
    expect(r.fatal?.message.zh).toMatch(/\.xlsx.*CSV/);
    expect(r.fatal?.message.en).toMatch(/\.xls\b.*\.xlsx.*CSV/);
  });

  it('a zip that is not a workbook (a Word document)', async () => {
    const r = await parse(zip([{ name: 'word/document.xml', data: text('<w:document/>') }]), 'figures.xlsx');
    expect(r.fatal).toMatchObject({ code: 'unsupported_type' });
    expect(r.fatal?.message.en).toContain('Word');
  });

  it('a workbook cut short', async () => {
    const bytes = await workbook();
    expect((await parse(bytes.subarray(0, Math.floor(bytes.length / 2)))).fatal?.code).toBe('damaged_file');
  });

  it('an empty file', async () => {
    expect((await parse(new Uint8Array(0), 'a.csv')).fatal).toMatchObject({ code: 'empty_file' });
  });

  it('random bytes', async () => {
    let seed = 42;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    const r = await parse(random, 'a.csv');
    expect(r.fatal).not.toBeNull();
    expect(['unsupported_type', 'encoding']).toContain(r.fatal?.code);
  });

  it('UTF-16 text (Excel’s “Unicode Text”)', async () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('地区\t指标\t年份\t数值\n', 'utf16le')]));
    expect((await parse(bytes, 'a.txt')).fatal).toMatchObject({ code: 'encoding' });
  });

  it('text that is neither UTF-8 nor GBK, naming the line', async () => {
    const bytes = Uint8Array.from([...text('地区,指标,年份,数值\n吕梁市,'), 0xff, 0xfe, 0x41]);
    const r = await parse(bytes, 'a.csv');
    expect(r.fatal).toMatchObject({ code: 'encoding', row: 2 });
  });

  it('GBK text with a stray byte, naming its line', async () => {
    const gbkText = iconv.encode('地区,指标,年份,数值\n吕梁市,高新技术企业数,2020,5\n', 'gbk');
    const bytes = Uint8Array.from([...gbkText, ...iconv.encode('吕梁市,', 'gbk'), 0xff, 0x30]);
    expect((await parse(bytes, 'a.csv')).fatal).toMatchObject({ code: 'encoding', row: 3 });
  });

  it('a file over the byte limit is refused before its type is even looked at', async () => {
    const r = await parse(new Uint8Array(3 * 1024 * 1024).fill(0x89), 'big.xlsx', { maxBytes: 2 * 1024 * 1024 });
    expect(r.fatal).toMatchObject({ code: 'file_too_large' });
    expect(r.fatal?.message.en).toBe(
      'The file is 3 MB, over the 2 MB limit; split it or remove unrelated sheets and upload again',
    );
  });
});

describe('thousands of errors', () => {
  it('lists the first maxIssues and counts the rest', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `不存在的地区${i},不存在的指标,20xx,abc`);
    const r = await parse(text(`地区,指标,年份,数值\n${rows.join('\n')}`), 'bad.csv');
    expect(r.fatal).toBeNull();
    expect(r.rowsRead).toBe(10_000);
    expect(r.issues).toHaveLength(200);
    expect(r.issueCount).toEqual({ errors: 30_000, warnings: 0 });
    expect(r.issues.slice(0, 3).map((i) => [i.code, i.row, i.column])).toEqual([
      ['unknown_region', 2, 'A'],
      ['unknown_indicator', 2, 'B'],
      ['bad_year', 2, 'C'],
    ]);
    expect(r.issues.at(-1)?.row).toBe(68);
  });
});
