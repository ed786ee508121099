import fs from 'node:fs';
import path from 'node:path';
import type { CatalogueIndicator, RegionRef } from '../../server/src/domain/extract/index.js';

// The seed's catalogue (indicators with their aliases) and regions, as the extraction route reads
// them from the database: what the extraction tests and the bench give proposeTargets.

const seed = path.resolve(import.meta.dirname, '../../seed');
const rows = (file: string) =>
  fs
    .readFileSync(path.join(seed, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));

export function seedCatalogue(): CatalogueIndicator[] {
  const aliases = new Map<string, string[]>();
  for (const [code, alias] of rows('indicator_aliases.tsv')) {
    if (code && alias) aliases.set(code, [...(aliases.get(code) ?? []), alias]);
  }
  return rows('indicators.tsv').map(([code = '', nameZh = '', nameEn = '', unit = '', , direction = 'up', kind = '']) => ({
    code,
    nameZh,
    nameEn,
    unit,
    kind,
    direction: direction === 'down' ? 'down' : 'up',
    aliases: aliases.get(code) ?? [],
  }));
}

export function seedRegions(): RegionRef[] {
  return rows('regions.tsv').map(([code = '', nameZh = '', , , parentCode = '']) => ({
    code,
    nameZh,
    parentCode: parentCode || null,
  }));
}

export const seedSource = (prefix: string): string => {
  const dir = path.join(seed, 'sources');
  const file = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed source ${prefix}`);
  return fs.readFileSync(path.join(dir, file), 'utf8');
};
