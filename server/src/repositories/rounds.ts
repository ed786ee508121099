import type { Db } from '../db/connection.js';
import type { ItemRevision, ItemSubmission, OwedFigure, RegionNode, RoundPlan, RoundTarget } from '../domain/rounds.js';

/** A collection round as stored. */
export interface RoundRow {
  id: number;
  regionCode: string;
  regionNameZh: string;
  regionNameEn: string;
  year: number;
  titleZh: string;
  titleEn: string;
  dueDate: string;
  openedBy: number;
  openedByName: string;
  openedAt: string;
  closedAt: string | null;
  overdueNotifiedAt: string | null;
  completeNotifiedAt: string | null;
}

/** An item as stored: what the round asked for when it opened. */
export interface RoundItemRow extends OwedFigure {
  roundId: number;
}

/** A step of review as its audit entry records it (server/src/services/review.ts). */
export interface ReviewStep {
  id: number;
  action: string;
  actor: string;
  after: {
    reason?: string;
    figures?: { region: string; indicator: string; year: number; value: number | null }[];
  } | null;
}

/** A figure waiting for review, as the notifications list it. */
export interface PendingForReview {
  id: number;
  regionCode: string;
  indicatorCode: string;
  year: number;
  value: number | null;
  submittedBy: string;
  submittedById: number | null;
  submittedAt: string;
  batchId: string;
}

export interface UnitName {
  id: number;
  regionCode: string;
  nameZh: string;
  nameEn: string;
}

const ROUND_COLUMNS = `r.id, r.region_code AS regionCode, g.name_zh AS regionNameZh, g.name_en AS regionNameEn, r.year,
  r.title_zh AS titleZh, r.title_en AS titleEn, r.due_date AS dueDate, r.opened_by AS openedBy, u.name AS openedByName,
  r.opened_at AS openedAt, r.closed_at AS closedAt, r.overdue_notified_at AS overdueNotifiedAt,
  r.complete_notified_at AS completeNotifiedAt`;
const ROUND_FROM = 'collection_rounds r JOIN regions g ON g.code = r.region_code JOIN users u ON u.id = r.opened_by';

type RawItem = Omit<RoundItemRow, 'otherUnitIds' | 'targetIds'> & { otherUnitIds: string; targetIds: string };
const toItem = (r: RawItem): RoundItemRow => ({
  ...r,
  otherUnitIds: JSON.parse(r.otherUnitIds) as number[],
  targetIds: JSON.parse(r.targetIds) as number[],
});

export function createRoundsRepository(db: Db) {
  const insertRound = db.prepare(
    `INSERT INTO collection_rounds (region_code, year, title_zh, title_en, due_date, opened_by, opened_at)
     VALUES (@regionCode, @year, @titleZh, @titleEn, @dueDate, @openedBy, @openedAt)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO round_items (round_id, region_code, indicator_code, unit_id, other_unit_ids, target_ids)
     VALUES (@roundId, @regionCode, @indicatorCode, @unitId, @otherUnitIds, @targetIds)`,
  );
  const byId = db.prepare(`SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM} WHERE r.id = ?`);
  const all = db.prepare(`SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM} ORDER BY r.year DESC, r.id DESC`);
  const open = db.prepare(`SELECT ${ROUND_COLUMNS} FROM ${ROUND_FROM} WHERE r.closed_at IS NULL ORDER BY r.year DESC, r.id DESC`);
  const close = db.prepare('UPDATE collection_rounds SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL');
  const markOverdue = db.prepare(
    'UPDATE collection_rounds SET overdue_notified_at = ? WHERE id = ? AND overdue_notified_at IS NULL',
  );
  const markComplete = db.prepare(
    'UPDATE collection_rounds SET complete_notified_at = ? WHERE id = ? AND complete_notified_at IS NULL',
  );
  const items = db.prepare(
    `SELECT round_id AS roundId, region_code AS regionCode, indicator_code AS indicatorCode, unit_id AS unitId,
            other_unit_ids AS otherUnitIds, target_ids AS targetIds
       FROM round_items WHERE round_id = ? ORDER BY region_code, indicator_code`,
  );
  const regions = db.prepare('SELECT code, parent_code AS parentCode FROM regions');
  const plans = db.prepare(
    'SELECT id, region_code AS regionCode, period_start AS periodStart, period_end AS periodEnd FROM plans',
  );
  const targets = db.prepare(
    `SELECT id, plan_id AS planId, position, region_code AS regionCode, indicator_code AS indicatorCode,
            benchmark_region_code AS benchmarkRegionCode
       FROM targets`,
  );
  // The latest revision of the year: the figure's current state (a withdrawal included, so that a
  // figure taken back does not count as an answer).
  const latestRevision = db.prepare(
    `SELECT id, entered_at AS enteredAt, is_sample AS isSample, withdrawn FROM observation_revisions
      WHERE region_code = ? AND indicator_code = ? AND year = ? ORDER BY id DESC LIMIT 1`,
  );
  // Tables of the units and review features, prepared on first use.
  const lazy = <T>(make: () => T) => {
    let made: T | undefined;
    return () => {
      made ??= make();
      return made;
    };
  };
  const leadUnits = lazy(() =>
    db.prepare(
      `SELECT target_id AS targetId, unit_id AS unitId FROM target_units WHERE role = 'lead' ORDER BY target_id, position, unit_id`,
    ),
  );
  const unitNames = lazy(() =>
    db.prepare('SELECT id, region_code AS regionCode, name_zh AS nameZh, name_en AS nameEn FROM units'),
  );
  const submissions = lazy(() =>
    db.prepare(
      `SELECT id, state, submitted_at AS submittedAt, decided_at AS decidedAt, decision_reason AS decisionReason
         FROM figure_submissions WHERE region_code = ? AND indicator_code = ? AND year = ? ORDER BY submitted_at, id`,
    ),
  );
  // Figures waiting for review in some regions (null: all), oldest first: a reviewer's queue, counted.
  const pendingReview = lazy(() =>
    db.prepare(
      `SELECT s.id, s.region_code AS regionCode, s.indicator_code AS indicatorCode, s.year, s.value, s.submitted_by AS submittedBy,
              s.submitted_by_id AS submittedById, s.submitted_at AS submittedAt, s.batch_id AS batchId
         FROM figure_submissions s
        WHERE s.state = 'pending' AND (@regions IS NULL OR s.region_code IN (SELECT value FROM json_each(@regions)))
        ORDER BY s.submitted_at, s.id LIMIT @limit`,
    ),
  );

  const cursor = db.prepare('SELECT audit_id FROM round_event_cursor WHERE id = 1').pluck();
  const setCursor = db.prepare('UPDATE round_event_cursor SET audit_id = ? WHERE id = 1');
  const reviewSteps = db.prepare(
    `SELECT id, action, actor, after_json AS after FROM audit_log
      WHERE id > ? AND action IN ('review.submit', 'review.resubmit', 'review.approve', 'review.return') ORDER BY id LIMIT 500`,
  );
  const lastAudit = db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck();

  return {
    /** Review's steps recorded since the cursor, oldest first, and the log's end to move the cursor to. */
    reviewStepsSince(): { steps: ReviewStep[]; end: number } {
      const from = cursor.get() as number;
      const steps = (reviewSteps.all(from) as { id: number; action: string; actor: string; after: string | null }[]).map((r) => ({
        id: r.id,
        action: r.action,
        actor: r.actor,
        after: r.after ? (JSON.parse(r.after) as ReviewStep['after']) : null,
      }));
      // A full page ends at its last step; otherwise everything up to the log's end has been read.
      const end = steps.length === 500 ? (steps.at(-1)?.id ?? from) : (lastAudit.get() as number);
      return { steps, end };
    },
    moveCursor: (to: number) => setCursor.run(to),
    insertRound(r: {
      regionCode: string;
      year: number;
      titleZh: string;
      titleEn: string;
      dueDate: string;
      openedBy: number;
      openedAt: string;
    }): number {
      return Number(insertRound.run(r).lastInsertRowid);
    },
    insertItem(roundId: number, item: OwedFigure): void {
      insertItem.run({
        roundId,
        regionCode: item.regionCode,
        indicatorCode: item.indicatorCode,
        unitId: item.unitId,
        otherUnitIds: JSON.stringify(item.otherUnitIds),
        targetIds: JSON.stringify(item.targetIds),
      });
    },
    round: (id: number) => byId.get(id) as RoundRow | undefined,
    list: () => all.all() as RoundRow[],
    openRounds: () => open.all() as RoundRow[],
    /** false: already closed. */
    close: (id: number, by: number, at: string) => close.run(at, by, id).changes === 1,
    /** Marks the round's overdue event as sent; false when it already was (so it is sent once). */
    markOverdueNotified: (id: number, at: string) => markOverdue.run(at, id).changes === 1,
    markCompleteNotified: (id: number, at: string) => markComplete.run(at, id).changes === 1,
    items: (roundId: number) => (items.all(roundId) as RawItem[]).map(toItem),

    /** What owedFigures reads: regions, plans, and targets with their lead units in clause order. */
    owedInputs(): { regions: RegionNode[]; plans: RoundPlan[]; targets: RoundTarget[] } {
      const leads = new Map<number, number[]>();
      for (const { targetId, unitId } of leadUnits().all() as { targetId: number; unitId: number }[]) {
        const list = leads.get(targetId) ?? [];
        list.push(unitId);
        leads.set(targetId, list);
      }
      const rows = targets.all() as Omit<RoundTarget, 'leadUnitIds'>[];
      return {
        regions: regions.all() as RegionNode[],
        plans: plans.all() as RoundPlan[],
        targets: rows.map((t) => ({ ...t, leadUnitIds: leads.get(t.id) ?? [] })),
      };
    },
    units: () => unitNames().all() as UnitName[],
    latestRevision(regionCode: string, indicatorCode: string, year: number): ItemRevision | null {
      const r = latestRevision.get(regionCode, indicatorCode, year) as
        | { id: number; enteredAt: string; isSample: number; withdrawn: number }
        | undefined;
      return r ? { id: r.id, enteredAt: r.enteredAt, isSample: r.isSample === 1, withdrawn: r.withdrawn === 1 } : null;
    },
    pendingReview: (regions: readonly string[] | null, limit = 500) =>
      pendingReview().all({ regions: regions === null ? null : JSON.stringify(regions), limit }) as PendingForReview[],
    submissions: (regionCode: string, indicatorCode: string, year: number) =>
      submissions().all(regionCode, indicatorCode, year) as ItemSubmission[],
  };
}
