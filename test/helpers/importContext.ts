import { readFileSync } from 'node:fs';
import type { CheckedIndicator } from '../../server/src/domain/figureChecks.js';
import type { ContextIndicator, ImportContext } from '../../server/src/domain/import/types.js';
import { parseTsv } from '../../server/src/domain/tsv.js';

const seed = (file: string, header: string[]) =>
  parseTsv(readFileSync(new URL(`../../seed/${file}`, import.meta.url), 'utf8'), file, header);

/** The parser's context from the seed's real regions and indicators, as the app builds it from the database. */
export function seedImportContext(): ImportContext {
  // The catalogue's aliases (seed/indicator_aliases.tsv), as the app reads them from indicator_aliases.
  const aliases = new Map<string, string[]>();
  for (const a of seed('indicator_aliases.tsv', ['indicator_code', 'alias'])) {
    const code = a.indicator_code as string;
    aliases.set(code, [...(aliases.get(code) ?? []), a.alias as string]);
  }
  return {
    regions: seed('regions.tsv', ['code', 'name_zh', 'name_en', 'level', 'parent_code']).map((r) => ({
      code: r.code as string,
      nameZh: r.name_zh as string,
      nameEn: r.name_en as string,
    })),
    indicators: seedIndicatorRows().map((r) => ({
      code: r.code as string,
      nameZh: r.name_zh as string,
      nameEn: r.name_en as string,
      unit: r.unit as string,
      unitEn: r.unit_en as string,
      kind: r.kind as ContextIndicator['kind'],
      aliases: aliases.get(r.code as string) ?? [],
    })),
  };
}

/** The seed's indicator rows as the file has them: what both readers below start from. */
function seedIndicatorRows() {
  return seed('indicators.tsv', [
    'code',
    'name_zh',
    'name_en',
    'unit',
    'unit_en',
    'direction',
    'kind',
    'note',
    'plausible_min',
    'plausible_max',
  ]);
}

/** The seed's indicators as the figure checks read them: with kind, unit and plausible range. */
export function seedCheckedIndicators(): CheckedIndicator[] {
  const optional = (v: unknown) => (v === undefined || v === null || v === '' ? null : Number(v));
  return seedIndicatorRows().map((r) => ({
    code: r.code as string,
    nameZh: r.name_zh as string,
    nameEn: r.name_en as string,
    unit: r.unit as string,
    unitEn: r.unit_en as string,
    kind: r.kind as CheckedIndicator['kind'],
    plausibleMin: optional(r.plausible_min),
    plausibleMax: optional(r.plausible_max),
  }));
}
