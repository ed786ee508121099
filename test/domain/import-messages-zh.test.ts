import { readdirSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../server/src/domain/import/index.js';
import type { ImportContext, ImportIssue } from '../../server/src/domain/import/types.js';
import { previewFigures } from '../../server/src/domain/preview.js';
import { seedCheckedIndicators, seedImportContext } from '../helpers/importContext.js';
import { parsedFigure } from '../helpers/parsedFigure.js';
import { literalText, PLACEHOLDER } from '../helpers/zhText.js';

// Chinese import messages are written with full-width punctuation (，：；（）？), as the progress
// engine's sentences are. ASCII `, : ; ( ) ?` may appear only where they are not Chinese prose:
// inside a quoted value (“2,6”, a file name, Excel's own menu label), inside a number (1,234.5), a
// ratio (120:1), a URL scheme (https://), or in a region's or indicator's name as stored
// (高新技术企业数(年末)).
//
// Three walks: every literal of every `zh:` message in the source (so a message no test file reaches,
// an internal error or a zip bomb, is still read), and the messages the parser and the preview
// really produce for a corpus of bad files against the seed's regions and indicators, and the web's
// own Chinese texts of the upload pages (which show those messages).

const ROOT = new URL('../../', import.meta.url);

/** What is left of a Chinese message once the parts that are not prose are taken out. */
function prose(zh: string, names: readonly string[] = []): string {
  let s = zh;
  // Longest first, so 高新技术企业数(年末) goes before 高新技术企业数.
  for (const name of [...names].sort((a, b) => b.length - a.length)) if (name) s = s.split(name).join(PLACEHOLDER);
  return s
    .replace(/“[^”]*”/g, PLACEHOLDER) // a quoted value or label, as found
    .replace(/https?:\/\//g, PLACEHOLDER)
    .replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?/g, PLACEHOLDER) // 1,234.5
    .replace(new RegExp(`(\\d|${PLACEHOLDER})+:\\d+`, 'g'), PLACEHOLDER); // a ratio, 120:1
}

const ASCII_PROSE_PUNCTUATION = /[,:;()?]/;

/** The offending places of a message, each with a little context; empty when it is clean. */
function asciiInProse(zh: string, names: readonly string[] = []): string[] {
  const rest = prose(zh, names);
  const found: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (ASCII_PROSE_PUNCTUATION.test(rest[i] as string)) found.push(`…${rest.slice(Math.max(0, i - 6), i + 7)}…`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// 1. Every `zh:` message template in the source.

const SOURCES = [
  ...readdir('server/src/domain/import/').map((f) => `server/src/domain/import/${f}`),
  'server/src/domain/preview.ts',
  'server/src/domain/figureChecks.ts',
  'server/src/domain/template.ts',
  'server/src/services/imports.ts',
  'server/src/routes/imports.ts',
  'server/src/domain/requestFields.ts',
  'server/src/services/indicatorAliases.ts',
];

function readdir(dir: string): string[] {
  return readdirSync(new URL(dir, ROOT))
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

interface Template {
  file: string;
  line: number;
  text: string;
}

function zhTemplates(file: string): Template[] {
  const source = ts.createSourceFile(file, readFileSync(new URL(file, ROOT), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Template[] = [];
  const collect = (node: ts.Node) => {
    const text = literalText(node);
    if (text !== null) {
      out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node) => {
    // `zh: …` in an object literal: every literal inside the value is (part of) a Chinese message.
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'zh') collect(node.initializer);
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('the Chinese import messages in the source', () => {
  const templates = SOURCES.flatMap(zhTemplates);

  it('are found: every file that writes messages has some', () => {
    for (const file of [
      'server/src/domain/import/index.ts',
      'server/src/domain/import/interpret.ts',
      'server/src/domain/import/issues.ts',
      'server/src/domain/preview.ts',
      'server/src/domain/figureChecks.ts',
      'server/src/services/imports.ts',
    ]) {
      expect(templates.filter((t) => t.file === file).length, file).toBeGreaterThan(0);
    }
    expect(templates.length).toBeGreaterThan(60);
  });

  it('use full-width punctuation in their prose', () => {
    const bad = templates.flatMap((t) => asciiInProse(t.text).map((where) => `${t.file}:${t.line} ${where}`));
    expect(bad).toEqual([]);
  });
});

describe('the Chinese import texts of the web', () => {
  it('use full-width punctuation in their prose', () => {
    const json = JSON.parse(readFileSync(new URL('web/src/i18n/features/imports.zh-CN.json', ROOT), 'utf8'));
    const strings: [string, string][] = [];
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'string') strings.push([key, value]);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
    };
    walk(json, '');
    expect(strings.length).toBeGreaterThan(100);
    const bad = strings.flatMap(([key, text]) =>
      asciiInProse(text.replace(/\{\{[^}]*\}\}/g, PLACEHOLDER)).map((where) => `${key} ${where}`),
    );
    expect(bad).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The messages a corpus of bad files really produces, with the seed's names in them.

const ctx: ImportContext = seedImportContext();
/** Names and units as stored are data, not prose; those holding ASCII brackets are taken out before the check. */
const NAMES = [...ctx.regions.map((r) => r.nameZh), ...ctx.indicators.flatMap((i) => [i.nameZh, i.unit])].filter((name) =>
  ASCII_PROSE_PUNCTUATION.test(name),
);

const utf8 = (text: string) => new TextEncoder().encode(text);
const BAD_ROWS = [
  '地区,地区代码,指标,指标代码,年份,数值,单位,口径,来源链接',
  '吕梁市,,高新企业,,2020,5,家,,', // unknown indicator
  '太原市,,高新技术企业数(年末),,2020,5,家,,', // unknown region
  '吕梁市,211100,高新技术企业数(年末),,2020,5,家,,', // region name and code disagree
  '吕梁市,,R&D经费投入强度,high_tech_firms,2020,5,,,', // indicator name and code disagree
  '吕梁市,,高新技术企业数(年末),,1900,5,家,,', // bad year
  '吕梁市,,高新技术企业数(年末),,,5,家,,', // empty year
  '吕梁市,,高新技术企业数(年末),,2020,"2,6",家,,', // bad number
  '吕梁市,,R&D经费投入强度,,2020,120,%,,', // share out of range
  '吕梁市,,高新技术企业数(年末),,2021,15,万元,,', // unit mismatch
  '吕梁市,,专利申请量,,2020,2.6%,,,', // a percentage on a count
  '吕梁市,,专利申请量,,2021,,,,', // empty value
  '吕梁市,,专利授权量,,2020,100,件,暂定,', // bad vintage
  '吕梁市,,专利授权量,,2021,100,件,,ftp://example', // bad url
  '吕梁市,,专利授权量,,2021,101,件,,', // duplicate
  '吕梁市,,专利授权量,,2022,1,000,件,,', // ragged
  ',,专利授权量,,2023,100,件,,', // empty region
  '吕梁市,,,,2023,100,件,,', // empty indicator
  '吕梁市,,有效发明专利拥有量,,2020,100,件,,',
  '吕梁市,,有效发明专利拥有量,,2021,350,件,,', // jump up
  '吕梁市,,有效发明专利拥有量,,2022,100,件,,', // jump down
  `吕梁市,,专利授权量,,2024,${'1'.repeat(1001)},件,,`, // a cell too long
].join('\n');

const OLE = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const UTF16 = Uint8Array.from([0xff, 0xfe, 0x30, 0x57, 0x3a, 0x53]);

async function producedIssues(): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const run = async (bytes: Uint8Array, name: string, limits = {}) => {
    const r = await parseImportFile(bytes, name, ctx, limits);
    issues.push(...r.issues);
    return r;
  };
  await run(utf8(BAD_ROWS), '吕梁(2021),修订.csv');
  await run(new Uint8Array(0), 'empty.csv');
  await run(OLE, 'old.xls');
  await run(PNG, 'figures.xlsx');
  await run(UTF16, 'unicode.txt');
  await run(utf8('这是一封信,不是表格\n第二行'), 'letter.csv');
  await run(utf8('地区,指标,数值\n吕梁市,高新技术企业数(年末),5'), 'no-year.csv');
  await run(utf8('指标,年份,数值\n高新技术企业数(年末),2020,5'), 'no-region.csv');
  await run(utf8('地区,指标,年份,数值\n吕梁市,高新技术企业数(年末),2020,"5'), 'quote.csv');
  await run(utf8(BAD_ROWS), 'big.csv', { maxBytes: 10 });
  await run(utf8(BAD_ROWS), 'long.csv', { maxRows: 3 });
  await run(Uint8Array.from([0x81, 0x30, 0xff, 0xff, 0x2c, 0x0a]), 'bad-gbk.csv');
  // Issue 12: legacy encodings, a header with two value columns, a header and nothing under it.
  await run(new Uint8Array(iconv.encode('地區,指標,年份,數值\n呂梁市,高新技術企業數,2020,80\n', 'big5')), 'big5.csv');
  await run(new Uint8Array(iconv.encode('Region,Indicator,Year,Value\nRégion,x,2020,1\n', 'latin1')), 'latin1.csv');
  await run(
    new Uint8Array([0xef, 0xbb, 0xbf, ...iconv.encode('地区,指标,年份,数值\n吕梁市,专利授权量,2020,1\n', 'gbk')]),
    'bom.csv',
  );
  await run(utf8('地区,指标,年份,数值,本年\n吕梁市,专利授权量,2020,1,2'), 'two-values.csv');
  await run(utf8('地区,指标,年份,数值\n'), 'header-only.csv');
  await run(utf8('地区,指标,年份,数值\n吕梁市,专利授权量,2020,2020-05-01'), 'date.csv');
  // The preview's own checks (the figure checks among them), against a database holding, for
  // high-tech firms, 2019 and a sample 2020; for R&D intensity and invention patents, 2021.
  const figure = parsedFigure;
  const stored = (year: number, value: number, isSample = false) =>
    [year, { year, value, published: true, vintage: 'final' as const, isSample, revisionId: year }] as const;
  const current = new Map([
    ['high_tech_firms', new Map([stored(2019, 45), stored(2020, 62, true)])],
    ['rd_intensity', new Map([stored(2021, 0.74)])],
    ['valid_invention_patents', new Map([stored(2021, 100)])],
  ]);
  const indicators = seedCheckedIndicators();
  const preview = previewFigures(
    [
      figure({ regionCode: '211100' }),
      figure({ row: 3, sourceTitle: null }),
      figure({ row: 4, value: 620000, sourceTitle: '公报' }),
      figure({ row: 5, year: 2020, value: 0.0062, sourceTitle: '公报' }),
      figure({ row: 6, indicatorCode: 'valid_invention_patents', year: 2022, value: 350, sourceTitle: '公报' }),
      figure({ row: 7, year: 2023, value: -4, sourceTitle: '公报' }),
      figure({ row: 8, year: 2024, value: 40.5, sourceTitle: '公报' }),
      figure({ row: 9, indicatorCode: 'rd_intensity', year: 2022, value: 0.021, sourceTitle: '公报' }),
      figure({ row: 10, indicatorCode: 'rd_intensity', year: 2023, value: 12, sourceTitle: '公报' }),
      figure({ row: 11, indicatorCode: 'rd_intensity', year: 2024, value: 120, sourceTitle: '公报' }),
    ],
    {
      current: (_r, i) => current.get(i) ?? new Map(),
      indicator: (code) => indicators.find((i) => i.code === code),
      canWriteRegion: (r) => r === '141100',
      regionName: (r) => ctx.regions.find((x) => x.code === r)?.nameZh ?? r,
      defaultVintage: 'final',
      defaultSource: null,
    },
  );
  issues.push(...preview.issues);
  const noSource = previewFigures([figure({ row: 6, sourceTitle: null })], {
    current: (_r, i) => current.get(i) ?? new Map(),
    indicator: (code) => indicators.find((i) => i.code === code),
    canWriteRegion: () => true,
    regionName: (r) => r,
    defaultVintage: 'final',
    defaultSource: null,
    hasSourceColumn: false,
  });
  issues.push(...noSource.issues);
  return issues;
}

describe('the Chinese import messages produced', () => {
  it('cover the row and file checks, and use full-width punctuation in their prose', async () => {
    const issues = await producedIssues();
    const codes = new Set(issues.map((i) => i.code));
    for (const code of [
      'unknown_region',
      'region_mismatch',
      'unknown_indicator',
      'indicator_mismatch',
      'bad_year',
      'bad_number',
      'unit_mismatch',
      'share_out_of_range',
      'bad_vintage',
      'duplicate_row',
      'ragged_row',
      'cell_too_long',
      'empty_value',
      'implausible_jump',
      'bad_url',
      'empty_file',
      'unsupported_type',
      'encoding',
      'not_a_table',
      'missing_column',
      'ambiguous_column',
      'no_rows',
      'bad_csv',
      'file_too_large',
      'too_many_rows',
      'region_not_assigned',
      'missing_source',
      'looks_like_wrong_unit',
      'negative_value',
      'fractional_count',
      'outside_plausible_range',
      'share_as_fraction',
    ]) {
      expect(codes, code).toContain(code);
    }
    const bad = issues.flatMap((i) => asciiInProse(i.message.zh, NAMES).map((where) => `${i.code}: ${i.message.zh} ${where}`));
    expect(bad).toEqual([]);
  });

  it('keep the value as found: “2,6” stays “2,6”, a name keeps its own brackets', async () => {
    const issues = await producedIssues();
    const number = issues.find((i) => i.code === 'bad_number' && i.value === '2,6');
    expect(number?.message.zh).toBe('第8行F列：“2,6”不是数字；请填写数字（如 1,234.5、2.6%、15.3亿元），未公布的填“—”');
    const duplicate = issues.find((i) => i.code === 'duplicate_row');
    expect(duplicate?.message.zh).toBe('第15行F列：吕梁市 专利授权量 2021年已在第14行出现过；同一地区、指标、年份只能有一个数值');
    const mismatch = issues.find((i) => i.code === 'indicator_mismatch');
    expect(mismatch?.message.zh).toBe(
      '第5行C列：指标名称“R&D经费投入强度”与指标代码 high_tech_firms（高新技术企业数(年末)）不一致；请改正其中一个',
    );
  });
});

describe('the checker itself', () => {
  it('flags ASCII punctuation in prose, and only there', () => {
    expect(asciiInProse('第3行D列:“2,6”不是数字')).toHaveLength(1);
    expect(asciiInProse('第3行D列：“2,6”不是数字；请填写数字（如 1,234.5）')).toEqual([]);
    expect(asciiInProse('不是数字(如 2.6%)')).toHaveLength(2);
    expect(asciiInProse('压缩比为 120:1，超过上限 100:1')).toEqual([]);
    expect(asciiInProse('应以 http:// 或 https:// 开头')).toEqual([]);
    expect(asciiInProse('吕梁市 高新技术企业数(年末) 2021年', NAMES)).toEqual([]);
    expect(asciiInProse('吕梁市 高新技术企业数(年末) 2021年')).toHaveLength(2);
    expect(asciiInProse('单位可能有误（万元/亿元?）')).toHaveLength(1);
  });
});
