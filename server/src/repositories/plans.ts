import type { PlanFields, TargetCore } from '../api/types.js';
import type { Db } from '../db/connection.js';
import type { SeedMilestone, SeedPlan, SeedTarget } from '../seed/types.js';

/**
 * A plan as its table holds it, with its region's names and its source document beside it. The
 * enumerated columns (kind, status) are typed by their values: the tables' CHECK constraints hold
 * them to those (migrations/0001).
 */
export interface PlanSummaryRow extends PlanFields {
  id: number;
  regionCode: string;
  regionNameZh: string;
  regionNameEn: string;
  targetCount: number;
  sourceFileName: string;
  sourceTitle: string;
}

/** What judging a plan reads of it (services/progress.ts): its id, region and period. */
export type PlanToJudge = Pick<PlanSummaryRow, 'id' | 'regionCode' | 'periodStart' | 'periodEnd'>;

/** A target as its table holds it (type, comparator, commitment held to their values by CHECK). */
export interface TargetRow extends TargetCore {
  position: number;
  regionCode: string;
  regionNameZh: string;
  regionNameEn: string;
  indicatorCode: string;
  /** Set when an administrator retired the target: out of the plan's judged set, still readable. */
  retired: TargetRetirement | null;
}

export interface TargetRetirement {
  at: string;
  by: string;
  reason: string;
}

/**
 * A target in force as the progress engine reads it: what a verdict needs, without the clause, notes
 * and region names a plan's page shows (judging a plan read them for every target and dropped them).
 */
export type JudgedTargetRow = Pick<
  TargetRow,
  | 'id'
  | 'regionCode'
  | 'indicatorCode'
  | 'type'
  | 'comparator'
  | 'value'
  | 'valueAsPrinted'
  | 'valueMin'
  | 'valueMax'
  | 'valueUnknown'
  | 'targetYear'
  | 'baseYear'
  | 'baseValue'
  | 'benchmarkRegionCode'
> & { milestones: { year: number; value: number | null }[] };

/** The fields of a target an administrator may correct, all of them (the route merges a change in). */
export type TargetCorrectable = Pick<
  TargetCore,
  | 'value'
  | 'valueMin'
  | 'valueMax'
  | 'valueUnknown'
  | 'targetYear'
  | 'baseYear'
  | 'baseValue'
  | 'comparator'
  | 'commitment'
  | 'noteZh'
  | 'noteEn'
  | 'clause'
  | 'milestones'
>;

const PLAN_COLUMNS = `
  p.id, p.slug, p.kind, p.title_zh AS titleZh, p.title_en AS titleEn, p.doc_number AS docNumber,
  p.issuer_zh AS issuerZh, p.issuer_en AS issuerEn, p.issue_date AS issueDate,
  p.period_start AS periodStart, p.period_end AS periodEnd, p.status,
  p.status_note_zh AS statusNoteZh, p.status_note_en AS statusNoteEn,
  p.region_code AS regionCode, r.name_zh AS regionNameZh, r.name_en AS regionNameEn,
  p.note_zh AS noteZh, p.note_en AS noteEn,
  d.file_name AS sourceFileName, d.title AS sourceTitle,
  (SELECT count(*) FROM targets t WHERE t.plan_id = p.id AND t.retired_at IS NULL) AS targetCount`;

export function createPlansRepository(db: Db) {
  const insertDocument = db.prepare(
    'INSERT INTO source_documents (file_name, title, sha256, body) VALUES (@fileName, @title, @sha256, @body)',
  );
  const insertPlan = db.prepare(
    `INSERT INTO plans (slug, kind, title_zh, title_en, doc_number, issuer_zh, issuer_en, issue_date,
       period_start, period_end, status, status_note_zh, status_note_en, region_code, source_document_id,
       note_zh, note_en)
     VALUES (@slug, @kind, @titleZh, @titleEn, @docNumber, @issuerZh, @issuerEn, @issueDate,
       @periodStart, @periodEnd, @status, @statusNoteZh, @statusNoteEn, @regionCode, @sourceDocumentId,
       @noteZh, @noteEn)`,
  );
  const insertTarget = db.prepare(
    `INSERT INTO targets (plan_id, key, position, region_code, indicator_code, type, comparator, value, value_as_printed,
       value_min, value_max, value_unknown, target_year, base_year, base_value, benchmark_region_code,
       commitment, clause, note_zh, note_en)
     VALUES (@planId, @key, @position, @regionCode, @indicator, @type, @comparator, @value, @valueAsPrinted,
       @valueMin, @valueMax, @valueUnknown, @targetYear, @baseYear, @baseValue, @benchmarkRegion,
       @commitment, @clause, @noteZh, @noteEn)`,
  );
  const insertMilestone = db.prepare(
    'INSERT INTO target_milestones (target_id, year, value, clause) VALUES (@targetId, @year, @value, @clause)',
  );
  const listPlans = db.prepare(
    `SELECT ${PLAN_COLUMNS} FROM plans p JOIN regions r ON r.code = p.region_code
       JOIN source_documents d ON d.id = p.source_document_id
      ORDER BY p.period_start IS NULL, p.period_start, p.id`,
  );
  // A page of plans, optionally those issued for a region or any region under it (GB/T 2260's tree,
  // walked down by parent_code), in the list's order.
  const pageOfPlans = db.prepare(
    `WITH RECURSIVE within(code) AS (
       SELECT code FROM regions WHERE code = @region
       UNION ALL SELECT r.code FROM regions r JOIN within w ON r.parent_code = w.code
     )
     SELECT ${PLAN_COLUMNS} FROM plans p JOIN regions r ON r.code = p.region_code
       JOIN source_documents d ON d.id = p.source_document_id
      WHERE @region IS NULL OR p.region_code IN (SELECT code FROM within)
      ORDER BY p.period_start IS NULL, p.period_start, p.id LIMIT @limit OFFSET @offset`,
  );
  const planById = db.prepare(
    `SELECT ${PLAN_COLUMNS} FROM plans p JOIN regions r ON r.code = p.region_code
       JOIN source_documents d ON d.id = p.source_document_id WHERE p.id = ?`,
  );
  const planIdBySlug = db.prepare('SELECT id FROM plans WHERE slug = ?').pluck();
  /** A plan's id from its id or its slug (a URL may name it either way). */
  const planIdOf = (idOrSlug: string): number | undefined =>
    /^\d+$/.test(idOrSlug) ? Number(idOrSlug) : (planIdBySlug.get(idOrSlug) as number | undefined);
  const planPeriodById = db.prepare(
    'SELECT id, region_code AS regionCode, period_start AS periodStart, period_end AS periodEnd FROM plans WHERE id = ?',
  );
  const documentByFileName = db.prepare('SELECT id, sha256, body FROM source_documents WHERE file_name = ?');
  const TARGET_COLUMNS = `t.retired_at AS retiredAt, t.retired_by AS retiredBy, t.retire_reason AS retireReason, t.id, t.key, t.position, t.region_code AS regionCode, r.name_zh AS regionNameZh,
            r.name_en AS regionNameEn, t.indicator_code AS indicatorCode, t.type, t.comparator, t.value,
            t.value_as_printed AS valueAsPrinted,
            t.value_min AS valueMin, t.value_max AS valueMax, t.value_unknown AS valueUnknown,
            t.target_year AS targetYear, t.base_year AS baseYear, t.base_value AS baseValue,
            t.benchmark_region_code AS benchmarkRegionCode, t.commitment, t.clause,
            t.note_zh AS noteZh, t.note_en AS noteEn`;
  const targetsOfPlan = db.prepare(
    `SELECT ${TARGET_COLUMNS} FROM targets t JOIN regions r ON r.code = t.region_code
      WHERE t.plan_id = ? ORDER BY t.position`,
  );
  const nextPosition = db.prepare('SELECT coalesce(max(position), -1) + 1 FROM targets WHERE plan_id = ?').pluck();
  const keyTaken = db.prepare('SELECT 1 FROM targets WHERE plan_id = ? AND key = ?').pluck();
  const retireTarget = db.prepare(
    'UPDATE targets SET retired_at = @at, retired_by = @by, retire_reason = @reason WHERE id = @id AND retired_at IS NULL',
  );
  // One target, or a region's targets on one indicator, read by themselves: the overview asks for
  // these per headline indicator, and reading each one's whole plan to find it was half its time.
  const targetRowById = db.prepare(
    `SELECT t.plan_id AS planId, ${TARGET_COLUMNS} FROM targets t JOIN regions r ON r.code = t.region_code WHERE t.id = ?`,
  );
  const targetRowsOn = db.prepare(
    `SELECT t.plan_id AS planId, ${TARGET_COLUMNS} FROM targets t JOIN regions r ON r.code = t.region_code
      WHERE t.region_code = ? AND t.indicator_code = ? AND t.retired_at IS NULL ORDER BY t.plan_id, t.position`,
  );
  const milestonesOfTarget = db.prepare('SELECT year, value, clause FROM target_milestones WHERE target_id = ? ORDER BY year');
  // What an administrator may correct (PATCH /api/targets/:id); never the key, type, plan, region or
  // indicator. The clause may be re-quoted (the route checks it is verbatim in the document). The
  // tables' CHECK constraints hold the result to the seed's rules too.
  const updateTarget = db.prepare(
    `UPDATE targets SET value = @value, value_min = @valueMin, value_max = @valueMax, value_unknown = @valueUnknown,
       target_year = @targetYear, base_year = @baseYear, base_value = @baseValue, comparator = @comparator,
       commitment = @commitment, note_zh = @noteZh, note_en = @noteEn, clause = @clause
     WHERE id = @id`,
  );
  const deleteMilestones = db.prepare('DELETE FROM target_milestones WHERE target_id = ?');
  // Plans that concern a region: issued for it, or naming it in a target. Indexed both ways, so the
  // dashboard never walks every plan of a national database.
  const plansConcerning = db
    .prepare(
      'SELECT id FROM plans WHERE region_code = @code UNION SELECT plan_id FROM targets WHERE region_code = @code AND retired_at IS NULL',
    )
    .pluck();
  const planNamesRegion = db
    .prepare('SELECT 1 FROM targets WHERE plan_id = ? AND region_code = ? AND retired_at IS NULL LIMIT 1')
    .pluck();
  const milestonesOfPlan = db.prepare(
    `SELECT m.target_id AS targetId, m.year, m.value, m.clause FROM target_milestones m
       JOIN targets t ON t.id = m.target_id WHERE t.plan_id = ? ORDER BY m.year`,
  );

  // The judged set of a plan, lean (JudgedTargetRow), as rows of values: in the targets' order, and
  // their milestones by target and year.
  const judgedTargetsOfPlan = db
    .prepare(
      `SELECT id, region_code, indicator_code, type, comparator, value, value_as_printed, value_min, value_max,
              value_unknown, target_year, base_year, base_value, benchmark_region_code
         FROM targets WHERE plan_id = ? AND retired_at IS NULL ORDER BY position`,
    )
    .raw();
  const judgedMilestonesOfPlan = db
    .prepare(
      `SELECT m.target_id, m.year, m.value FROM target_milestones m JOIN targets t ON t.id = m.target_id
        WHERE t.plan_id = ? AND t.retired_at IS NULL ORDER BY m.target_id, m.year`,
    )
    .raw();

  type RawTargetRow = Omit<TargetRow, 'milestones' | 'valueUnknown' | 'retired'> & {
    valueUnknown: number;
    planId: number;
    retiredAt: string | null;
    retiredBy: string | null;
    retireReason: string | null;
  };
  const oneTarget = ({ planId: _, retiredAt, retiredBy, retireReason, ...t }: RawTargetRow): TargetRow => ({
    ...t,
    valueUnknown: t.valueUnknown === 1,
    milestones: milestonesOfTarget.all(t.id) as SeedMilestone[],
    retired: retiredAt === null ? null : { at: retiredAt, by: retiredBy ?? '', reason: retireReason ?? '' },
  });

  return {
    insertDocument(doc: { fileName: string; title: string; sha256: string; body: string }): number {
      return Number(insertDocument.run(doc).lastInsertRowid);
    },
    insertPlan(plan: SeedPlan, sourceDocumentId: number): number {
      return Number(insertPlan.run({ ...plan, sourceDocumentId }).lastInsertRowid);
    },
    insertTarget(planId: number, position: number, regionCode: string, t: SeedTarget): number {
      const id = Number(
        insertTarget.run({ ...t, planId, position, regionCode, valueUnknown: t.valueUnknown ? 1 : 0 }).lastInsertRowid,
      );
      for (const m of t.milestones) insertMilestone.run({ targetId: id, ...m });
      return id;
    },
    /** The position after the plan's last target (retired ones included: positions are never reused). */
    nextPosition: (planId: number): number => nextPosition.get(planId) as number,
    /** Whether the plan has a target with this key, retired or not (keys stay unique in a plan). */
    keyTaken: (planId: number, key: string): boolean => keyTaken.get(planId, key) !== undefined,
    /** Retires a target; false when it was retired already. */
    retireTarget(id: number, r: TargetRetirement): boolean {
      return retireTarget.run({ id, ...r }).changes === 1;
    },
    /** Writes a corrected target: its row, and its milestones replaced by the corrected list. */
    updateTarget(id: number, t: TargetCorrectable): void {
      const { milestones, ...row } = t;
      updateTarget.run({ ...row, id, valueUnknown: row.valueUnknown ? 1 : 0 });
      deleteMilestones.run(id);
      for (const m of milestones) insertMilestone.run({ targetId: id, year: m.year, value: m.value, clause: m.clause });
    },
    /** A stored source document by its file name (seed/sources/…, or one stored with an uploaded plan). */
    documentByFileName: (fileName: string) =>
      documentByFileName.get(fileName) as { id: number; sha256: string; body: string } | undefined,
    slugTaken: (slug: string): boolean => planIdBySlug.get(slug) !== undefined,
    list: () => listPlans.all() as PlanSummaryRow[],
    /** A page of plans, of one region and the regions under it when a region is given. */
    page: (q: { region: string | null; limit: number; offset: number }) => pageOfPlans.all(q) as PlanSummaryRow[],
    /** The plans issued for a region or with targets naming it. */
    concerning(regionCode: string): PlanSummaryRow[] {
      return (plansConcerning.all({ code: regionCode }) as number[])
        .map((id) => planById.get(id) as PlanSummaryRow | undefined)
        .filter((p): p is PlanSummaryRow => p !== undefined);
    },
    /** Whether one of the plan's targets names the region. */
    hasTargetIn: (planId: number, regionCode: string): boolean => planNamesRegion.get(planId, regionCode) !== undefined,
    /** A region's targets on one indicator, with their plans (each plan read once). */
    targetsOn(regionCode: string, indicatorCode: string): { plan: PlanSummaryRow; target: TargetRow }[] {
      const plans = new Map<number, PlanSummaryRow | undefined>();
      return (targetRowsOn.all(regionCode, indicatorCode) as RawTargetRow[]).flatMap((row) => {
        if (!plans.has(row.planId)) plans.set(row.planId, planById.get(row.planId) as PlanSummaryRow | undefined);
        const plan = plans.get(row.planId);
        return plan ? [{ plan, target: oneTarget(row) }] : [];
      });
    },
    /** One target with its plan id, retired or not. */
    targetById(id: number): { planId: number; target: TargetRow } | undefined {
      const row = targetRowById.get(id) as RawTargetRow | undefined;
      return row ? { planId: row.planId, target: oneTarget(row) } : undefined;
    },
    /** Accepts the numeric id or the slug, so links can be readable. */
    find(idOrSlug: string): PlanSummaryRow | undefined {
      const id = planIdOf(idOrSlug);
      return id === undefined ? undefined : (planById.get(id) as PlanSummaryRow | undefined);
    },
    /**
     * find(), with only what judging the plan reads: the plan's page of progress asks this on every
     * request, and the summary's joins and target count were a twentieth of an uncached answer.
     */
    findToJudge(idOrSlug: string): PlanToJudge | undefined {
      const id = planIdOf(idOrSlug);
      return id === undefined ? undefined : (planPeriodById.get(id) as PlanToJudge | undefined);
    },
    /** The plan's targets in force: the judged set, which every count and verdict reads. */
    targets(planId: number): TargetRow[] {
      return this.allTargets(planId).filter((t) => t.retired === null);
    },
    /** The plan's targets in force as the progress engine reads them (the same set and order as targets()). */
    judgedTargets(planId: number): JudgedTargetRow[] {
      const milestones = new Map<number, { year: number; value: number | null }[]>();
      for (const [targetId, year, value] of judgedMilestonesOfPlan.all(planId) as [number, number, number | null][]) {
        const list = milestones.get(targetId);
        if (list) list.push({ year, value });
        else milestones.set(targetId, [{ year, value }]);
      }
      type Num = number | null;
      return (judgedTargetsOfPlan.all(planId) as unknown[][]).map((r) => ({
        id: r[0] as number,
        regionCode: r[1] as string,
        indicatorCode: r[2] as string,
        type: r[3] as TargetRow['type'],
        comparator: r[4] as TargetRow['comparator'],
        value: r[5] as Num,
        valueAsPrinted: r[6] as Num,
        valueMin: r[7] as Num,
        valueMax: r[8] as Num,
        valueUnknown: r[9] === 1,
        targetYear: r[10] as Num,
        baseYear: r[11] as Num,
        baseValue: r[12] as Num,
        benchmarkRegionCode: r[13] as string | null,
        milestones: milestones.get(r[0] as number) ?? [],
      }));
    },
    /** The plan's retired targets, readable with their history but judged nowhere. */
    retiredTargets(planId: number): TargetRow[] {
      return this.allTargets(planId).filter((t) => t.retired !== null);
    },
    allTargets(planId: number): TargetRow[] {
      const milestones = new Map<number, SeedMilestone[]>();
      for (const m of milestonesOfPlan.all(planId) as (SeedMilestone & { targetId: number })[]) {
        const list = milestones.get(m.targetId) ?? [];
        list.push({ year: m.year, value: m.value, clause: m.clause });
        milestones.set(m.targetId, list);
      }
      type Raw = Omit<TargetRow, 'milestones' | 'valueUnknown' | 'retired'> & {
        valueUnknown: number;
        retiredAt: string | null;
        retiredBy: string | null;
        retireReason: string | null;
      };
      return (targetsOfPlan.all(planId) as Raw[]).map(({ retiredAt, retiredBy, retireReason, ...t }) => ({
        ...t,
        valueUnknown: t.valueUnknown === 1,
        milestones: milestones.get(t.id) ?? [],
        retired: retiredAt === null ? null : { at: retiredAt, by: retiredBy ?? '', reason: retireReason ?? '' },
      }));
    },
  };
}
