import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetUnit } from '../../server/src/api/types.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { migrate } from '../../server/src/db/migrate.js';
import { migrationsDir, seedDir } from '../../server/src/paths.js';
import { createRepositories, type Repositories } from '../../server/src/repositories/index.js';
import { loadSeed, readSeed } from '../../server/src/seed/load.js';
import { tempDbPath } from '../helpers/db.js';

// The lead units (牵头单位) and responsible units (责任单位 / 責任單位) of the seeded targets of 003
// (Lüliang, simplified) and 004 (Panjin, traditional), checked against the documents themselves,
// read here on their own: paragraph by paragraph, without the seed's files or the seed's code.

const DOCUMENTS = [
  { slug: 'lvliang-2014-2020', file: '003_935a6b5ddc823531.txt', region: '141100' },
  { slug: 'panjin-2019-2021', file: '004_4e90a411367dfbcd.txt', region: '211100' },
] as const;

interface Mark {
  lead: string[];
  responsible: string[];
}

const MARK = /[(（](?:牵头单位|牽頭單位)[:：]([^)）]*)[)）]\s*$/;
const SECTION = /^[(（][一二三四五六七八九十]+[)）]/;
const list = (text: string) =>
  text
    .split(/[、,，]/)
    .map((u) => u.trim())
    .filter(Boolean);

/** "(牽頭單位:A、B;責任單位:C,D)" → lead [A, B], responsible [C, D], as printed. */
function readMark(paragraph: string): Mark | null {
  const inner = MARK.exec(paragraph)?.[1];
  if (inner === undefined) return null;
  const [lead = '', ...rest] = inner.split(/[;；]/);
  const responsible = rest.flatMap((part) => list(part.replace(/^(?:责任单位|責任單位)[:：]/, '')));
  return { lead: list(lead), responsible };
}

const paragraphsOf = (file: string) =>
  fs
    .readFileSync(path.join(seedDir, 'sources', file), 'utf8')
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);

let db: Db;
let repos: Repositories;
let cleanup: () => void;
const seed = readSeed(seedDir);

beforeAll(() => {
  const tmp = tempDbPath();
  cleanup = tmp.cleanup;
  db = openDatabase(tmp.dbPath);
  migrate(db, migrationsDir);
  loadSeed(db, seed);
  repos = createRepositories(db);
});
afterAll(() => {
  db.close();
  cleanup();
});

function seededUnits(slug: string): Map<string, TargetUnit[]> {
  const plan = repos.plans.find(slug);
  if (!plan) throw new Error(`no plan ${slug}`);
  const units = repos.units.ofPlan(plan.id);
  return new Map(repos.plans.targets(plan.id).map((t) => [t.key, units.get(t.id) ?? []]));
}
const printed = (units: TargetUnit[], role: 'lead' | 'responsible') =>
  units.filter((u) => u.role === role).map((u) => u.asPrinted);

describe('the seeded units of 003 and 004, against the documents', () => {
  it('the documents name their units as the issue says: 44 tasks in 003, 21 in 004, every one of 004 with 責任單位', () => {
    const marks = DOCUMENTS.map((d) =>
      paragraphsOf(d.file)
        .map(readMark)
        .filter((m): m is Mark => m !== null),
    );
    expect(marks.map((m) => m.length)).toEqual([44, 21]);
    expect(marks[0]?.every((m) => m.lead.length > 0 && m.responsible.length === 0)).toBe(true);
    expect(marks[1]?.every((m) => m.lead.length > 0 && m.responsible.length > 0)).toBe(true);
  });

  for (const doc of DOCUMENTS) {
    it(`${doc.slug}: every target whose clause lies in a paragraph naming a 牵头单位 has exactly its units, as printed and in order`, () => {
      const paragraphs = paragraphsOf(doc.file);
      const plan = seed.plans.find((p) => p.slug === doc.slug);
      const units = seededUnits(doc.slug);
      let checked = 0;
      for (const target of plan?.targets ?? []) {
        const marks = paragraphs
          .filter((p) => p.includes(target.clause))
          .map(readMark)
          .filter((m): m is Mark => m !== null);
        if (marks.length === 0) continue;
        const mark = marks[0] as Mark;
        const seeded = units.get(target.key) ?? [];
        expect(printed(seeded, 'lead'), target.key).toEqual(mark.lead);
        expect(printed(seeded, 'responsible'), target.key).toEqual(mark.responsible);
        checked++;
      }
      // Not a vacuous pass: 29 of Lüliang's 59 targets and 9 of Panjin's 20 are quoted from a task's own paragraph.
      expect(checked).toBe(doc.slug === 'panjin-2019-2021' ? 9 : 29);
    });

    it(`${doc.slug}: a target whose own paragraph names none has the units of a task of its section, or none`, () => {
      const paragraphs = paragraphsOf(doc.file);
      const plan = seed.plans.find((p) => p.slug === doc.slug);
      const units = seededUnits(doc.slug);
      for (const target of plan?.targets ?? []) {
        const at = paragraphs.findIndex((p) => p.includes(target.clause));
        expect(at, target.key).toBeGreaterThanOrEqual(0);
        // Checked above: a clause that (also) lies in a task's own paragraph.
        if (paragraphs.some((p) => p.includes(target.clause) && readMark(p))) continue;
        const seeded = units.get(target.key) ?? [];
        if (seeded.length === 0) continue;
        // The section (一)(二)… the clause is in: the task that owns it names its units there.
        let start = at;
        while (start > 0 && !SECTION.test(paragraphs[start] as string)) start--;
        let end = at + 1;
        while (
          end < paragraphs.length &&
          !SECTION.test(paragraphs[end] as string) &&
          !/^[一二三四五六七八九十]+、/.test(paragraphs[end] as string)
        )
          end++;
        const sectionMarks = paragraphs
          .slice(start, end)
          .map(readMark)
          .filter((m): m is Mark => m !== null);
        expect(
          sectionMarks.some(
            (m) =>
              JSON.stringify(m.lead) === JSON.stringify(printed(seeded, 'lead')) &&
              JSON.stringify(m.responsible) === JSON.stringify(printed(seeded, 'responsible')),
          ),
          target.key,
        ).toBe(true);
      }
    });

    it(`${doc.slug}: every form a task prints names exactly one unit record of the region`, () => {
      const forms = new Set(
        paragraphsOf(doc.file)
          .map(readMark)
          .flatMap((m) => (m ? [...m.lead, ...m.responsible] : [])),
      );
      for (const form of forms) {
        const byName = db
          .prepare('SELECT count(*) FROM units WHERE region_code = ? AND name_zh = ?')
          .pluck()
          .get(doc.region, form);
        const byAlias = db
          .prepare('SELECT count(*) FROM unit_aliases WHERE region_code = ? AND alias = ?')
          .pluck()
          .get(doc.region, form);
        expect(Number(byName) + Number(byAlias), form).toBe(1);
        expect(repos.units.resolve(doc.region, form)?.regionCode, form).toBe(doc.region);
      }
    });
  }

  it('keeps the traditional forms of 004 as printed, each matched to its simplified unit record', () => {
    const units = seededUnits('panjin-2019-2021').get('national-high-tech-zone-2021') ?? [];
    expect(units.map((u) => [u.role, u.asPrinted, u.nameZh])).toEqual([
      ['lead', '市科技局', '市科技局'],
      ['responsible', '遼東灣新區管委會', '辽东湾新区管委会'],
      ['responsible', '盤錦高新技術產業開發區管委會', '盘锦高新技术产业开发区管委会'],
    ]);
    const academicians = seededUnits('panjin-2019-2021').get('academician-workstations-2021') ?? [];
    expect(academicians.map((u) => [u.role, u.asPrinted, u.nameZh])).toEqual([
      ['lead', '市科協', '市科协'],
      ['responsible', '市科技局', '市科技局'],
      ['responsible', '各縣區政府', '各县区政府'],
      ['responsible', '經濟區管委會', '经济区管委会'],
    ]);
  });

  it('gives the projects of 吕梁科技城 the unit named once at the head of their task', () => {
    const units = seededUnits('lvliang-2014-2020');
    for (const key of ['micro-satellites-2015', 'energy-internet-devices-2015'])
      expect(units.get(key)?.map((u) => u.asPrinted)).toEqual(['吕梁市军民融合协同创新研究院']);
    // The headline indicators of 目标 name no unit.
    expect(units.get('rd-intensity-2020')).toEqual([]);
  });
});
