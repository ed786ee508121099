import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection.js';
import { createRepositories } from '../repositories/index.js';
import {
  checkSeed,
  parseIndicatorAliases,
  parseIndicators,
  parseObservations,
  parsePlan,
  parseRegions,
  parseUnitAliases,
  parseUnits,
} from './parse.js';
import type { SeedData } from './types.js';

export class SeedError extends Error {
  override name = 'SeedError';
}

/** Reads and checks every seed file; throws one error listing all problems. */
export function readSeed(seedDir: string): SeedData {
  const read = (...parts: string[]) => fs.readFileSync(path.join(seedDir, ...parts), 'utf8');
  const list = (dir: string, ext: string) =>
    fs
      .readdirSync(path.join(seedDir, dir))
      .filter((f) => f.endsWith(ext))
      .sort();
  const data: SeedData = {
    regions: parseRegions(read('regions.tsv')),
    indicators: parseIndicators(read('indicators.tsv')),
    indicatorAliases: parseIndicatorAliases(read('indicator_aliases.tsv')),
    documents: list('sources', '.txt').map((fileName) => ({ fileName, body: read('sources', fileName) })),
    plans: list('plans', '.json').map((f) => parsePlan(read('plans', f), `plans/${f}`)),
    observations: list('observations', '.tsv').flatMap((f) => parseObservations(read('observations', f), `observations/${f}`)),
    units: parseUnits(read('units.tsv')),
    unitAliases: parseUnitAliases(read('unit_aliases.tsv')),
  };
  const problems = checkSeed(data);
  if (problems.length > 0) {
    throw new SeedError(`The seed has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  }
  return data;
}

export interface SeedCounts {
  regions: number;
  indicators: number;
  indicatorAliases: number;
  plans: number;
  targets: number;
  milestones: number;
  observations: number;
  units: number;
  targetUnits: number;
}

/** Loads checked seed data into an empty, migrated database as one transaction. */
export function loadSeed(db: Db, data: SeedData, now = new Date().toISOString()): SeedCounts {
  const repos = createRepositories(db);
  const counts: SeedCounts = {
    regions: 0,
    indicators: 0,
    indicatorAliases: 0,
    plans: 0,
    targets: 0,
    milestones: 0,
    observations: 0,
    units: 0,
    targetUnits: 0,
  };
  db.transaction(() => {
    const existing = (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n;
    if (existing > 0) throw new SeedError('The database already holds plans; seed only an empty database');
    // Parents before children: the country first, then provinces, prefectures, counties.
    const order = ['country', 'province', 'prefecture', 'county'];
    for (const r of [...data.regions].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))) {
      repos.reference.insertRegion(r);
      counts.regions++;
    }
    for (const i of data.indicators) {
      repos.reference.insertIndicator(i);
      counts.indicators++;
    }
    for (const a of data.indicatorAliases) {
      repos.reference.insertAlias({ indicatorCode: a.indicatorCode, alias: a.alias, createdBy: 'seed' }, now);
      counts.indicatorAliases++;
    }
    const documentIds = new Map<string, number>();
    for (const d of data.documents) {
      const plan = data.plans.find((p) => p.sourceFile === d.fileName);
      documentIds.set(
        d.fileName,
        repos.plans.insertDocument({
          fileName: d.fileName,
          title: plan?.titleZh ?? d.fileName,
          sha256: createHash('sha256').update(d.body).digest('hex'),
          body: d.body,
        }),
      );
    }
    // Units before plans: a plan file names its targets' units as printed, resolved as an upload's are.
    for (const u of data.units) {
      repos.units.create({ regionCode: u.regionCode, nameZh: u.nameZh, nameEn: u.nameEn, kind: u.kind });
      counts.units++;
    }
    for (const a of data.unitAliases) {
      const unit = repos.units.resolve(a.regionCode, a.unitZh);
      if (!unit) throw new SeedError(`${a.origin}: no unit ${a.unitZh}`);
      repos.units.addAlias(a.regionCode, a.alias, unit.id);
    }
    const forms = repos.units.printedForms();
    for (const plan of data.plans) {
      const planId = repos.plans.insertPlan(plan, documentIds.get(plan.sourceFile) as number);
      counts.plans++;
      plan.targets.forEach((t, position) => {
        const { units: printed, ...target } = t;
        const regionCode = t.region ?? plan.regionCode;
        const targetId = repos.plans.insertTarget(planId, position, regionCode, target);
        counts.targets++;
        counts.milestones += t.milestones.length;
        const units = forms.assignments([...new Set([regionCode, plan.regionCode])], printed ?? []);
        if (units.length > 0) repos.units.writeTargetUnits(targetId, units);
        counts.targetUnits += units.length;
      });
    }
    for (const o of data.observations) {
      repos.observations.append({ ...o, enteredBy: 'seed', enteredAt: now, origin: 'seed' });
      counts.observations++;
    }
    // One audit entry per seeding: the rows themselves say origin 'seed', and the entry says when.
    repos.audit.record(
      { actor: 'seed', action: 'seed', entity: 'database', entityId: null, before: null, after: counts, origin: 'seed' },
      now,
    );
  })();
  return counts;
}
