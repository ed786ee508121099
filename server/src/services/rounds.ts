import type { Principal } from '../domain/permissions.js';
import {
  completeness,
  type ItemState,
  type ItemStatus,
  itemStatus,
  type NotOwedFigure,
  owedFigures,
  roundComplete,
  type StatusCounts,
} from '../domain/rounds.js';
import type { RoundEvent, RoundRef } from '../domain/webhooks.js';
import type { Repositories } from '../repositories/index.js';
import type { RoundItemRow, RoundRow, UnitName } from '../repositories/rounds.js';
import type { WebhookDispatcher } from './webhooks.js';

const STEP_EVENTS: Record<string, 'figure_submitted' | 'figure_returned' | 'figure_approved'> = {
  'review.submit': 'figure_submitted',
  'review.resubmit': 'figure_submitted',
  'review.return': 'figure_returned',
  'review.approve': 'figure_approved',
};

/** How many earlier years' published figures are shown beside each field to fill. */
export const EARLIER_YEARS = 3;

/**
 * Due dates are dates in China Standard Time (UTC+8 all year): a round due 2026-03-31 is in time
 * until midnight in Beijing, whatever the server's own time zone.
 */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface RoundItemView extends RoundItemRow, ItemState {
  regionNameZh: string;
  regionNameEn: string;
  indicatorNameZh: string;
  indicatorNameEn: string;
  unit: string;
  unitEn: string;
}

export interface EarlierFigure {
  year: number;
  value: number | null;
  isSample: boolean;
}

export class RoundRefused extends Error {
  override name = 'RoundRefused';
  constructor(
    readonly statusCode: 400 | 404 | 409,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function createRoundService(repos: Repositories, webhooks: WebhookDispatcher, clock: () => Date = () => new Date()) {
  const regionNames = () => new Map(repos.reference.listRegions().map((r) => [r.code, r] as const));
  const indicators = () => new Map(repos.reference.listIndicators().map((i) => [i.code, i] as const));

  const ref = (round: RoundRow): RoundRef => ({
    id: round.id,
    titleZh: round.titleZh,
    regionNameZh: round.regionNameZh,
    year: round.year,
    dueDate: round.dueDate,
  });

  /** Each item with its status, derived now from the figures and submissions. */
  function itemsWithStatus(round: RoundRow): RoundItemView[] {
    const today = chinaDate(clock());
    const regions = regionNames();
    const inds = indicators();
    return repos.rounds.items(round.id).map((item) => {
      const state = itemStatus(
        round,
        {
          revision: repos.rounds.latestRevision(item.regionCode, item.indicatorCode, round.year),
          submissions: repos.rounds.submissions(item.regionCode, item.indicatorCode, round.year),
        },
        today,
      );
      const region = regions.get(item.regionCode);
      const ind = inds.get(item.indicatorCode);
      return {
        ...item,
        ...state,
        regionNameZh: region?.nameZh ?? item.regionCode,
        regionNameEn: region?.nameEn ?? item.regionCode,
        indicatorNameZh: ind?.nameZh ?? item.indicatorCode,
        indicatorNameEn: ind?.nameEn ?? item.indicatorCode,
        unit: ind?.unit ?? '',
        unitEn: ind?.unitEn ?? '',
      };
    });
  }

  function summary(round: RoundRow) {
    const items = itemsWithStatus(round);
    return { round, items, ...completeness(items) };
  }

  /** The figures a user is asked to fill: by unit for a reporter, by region for a statistician, all for an administrator. */
  function mayFill(user: Principal, item: RoundItemRow): boolean {
    if (user.role === 'admin') return true;
    if (user.role === 'statistician') return user.regions.includes(item.regionCode);
    // A reporter fills their unit's items, in the regions they may write (canWriteRegion's rule).
    return (
      user.role === 'reporter' && user.unitId !== null && item.unitId === user.unitId && user.regions.includes(item.regionCode)
    );
  }

  function earlier(item: RoundItemRow, year: number): EarlierFigure[] {
    return repos.observations
      .current(item.regionCode, item.indicatorCode)
      .filter((o) => o.year < year && o.year >= year - EARLIER_YEARS)
      .sort((a, b) => b.year - a.year)
      .map((o) => ({ year: o.year, value: o.published ? o.value : null, isSample: o.isSample }));
  }

  /** Sends a round's one-off events once: every item approved, or the due date passed with items outstanding. */
  function noteMilestones(round: RoundRow, counts: StatusCounts, now: string): boolean {
    if (round.closedAt !== null) return false;
    let queued = false;
    if (roundComplete(counts) && repos.rounds.markCompleteNotified(round.id, now)) {
      webhooks.notify({ kind: 'round_complete', round: ref(round), items: counts.total }, round.id, now);
      queued = true;
    }
    const outstanding = counts.total - counts.approved;
    if (chinaDate(clock()) > round.dueDate && outstanding > 0 && repos.rounds.markOverdueNotified(round.id, now)) {
      webhooks.notify({ kind: 'round_overdue', round: ref(round), outstanding, items: counts.total }, round.id, now);
      queued = true;
    }
    return queued;
  }

  return {
    /** What a round for the city and year would ask for: the owed list, and the benchmark figures it leaves out. */
    preview(regionCode: string, year: number): { items: ReturnType<typeof owedFigures>['items']; notOwed: NotOwedFigure[] } {
      return owedFigures({ cityCode: regionCode, year, ...repos.rounds.owedInputs() });
    },

    open(
      input: { regionCode: string; year: number; titleZh: string; titleEn: string; dueDate: string; indicatorCodes?: string[] },
      user: Principal,
      address: string,
    ): RoundRow {
      if (!repos.reference.regionExists(input.regionCode)) {
        throw new RoundRefused(400, 'invalid_field', `field "regionCode": no region with code ${input.regionCode}`, 'regionCode');
      }
      const unknown = input.indicatorCodes?.find((code) => !repos.reference.indicator(code));
      if (unknown)
        throw new RoundRefused(
          400,
          'invalid_field',
          `field "indicatorCodes": no indicator with code ${unknown}`,
          'indicatorCodes',
        );
      const now = clock().toISOString();
      const round = repos.transaction(() => {
        const { items, notOwed } = owedFigures({
          cityCode: input.regionCode,
          year: input.year,
          indicatorCodes: input.indicatorCodes ?? null,
          ...repos.rounds.owedInputs(),
        });
        if (items.length === 0) {
          throw new RoundRefused(
            409,
            'nothing_owed',
            `No plan of region ${input.regionCode} or its sub-regions is in force in ${input.year}: the round would ask for nothing.`,
            'year',
          );
        }
        const { indicatorCodes: _only, ...fields } = input;
        const id = repos.rounds.insertRound({ ...fields, openedBy: user.id, openedAt: now });
        for (const item of items) repos.rounds.insertItem(id, item);
        const row = repos.rounds.round(id) as RoundRow;
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'round.open',
            entity: 'collection_round',
            entityId: String(id),
            before: null,
            after: {
              ...input,
              items: items.length,
              unassigned: items.filter((i) => i.unitId === null).length,
              benchmarkNotOwed: notOwed.length,
            },
            origin: 'form',
            address,
            regionCode: input.regionCode,
          },
          now,
        );
        webhooks.notify({ kind: 'round_opened', round: ref(row), items: items.length, by: user.name }, id, now);
        return row;
      });
      webhooks.kick();
      return round;
    },

    close(id: number, user: Principal, address: string): RoundRow {
      const now = clock().toISOString();
      const round = repos.transaction(() => {
        const before = repos.rounds.round(id);
        if (!before) throw new RoundRefused(404, 'not_found', `No collection round with id ${id}`);
        if (!repos.rounds.close(id, user.id, now)) throw new RoundRefused(409, 'round_closed', `Round ${id} is already closed.`);
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'round.close',
            entity: 'collection_round',
            entityId: String(id),
            before: { closedAt: null },
            after: { closedAt: now, ...completeness(itemsWithStatus(before)).all },
            origin: 'form',
            address,
            regionCode: before.regionCode,
          },
          now,
        );
        return repos.rounds.round(id) as RoundRow;
      });
      return round;
    },

    list() {
      return repos.rounds.list().map((round) => ({ round, counts: completeness(itemsWithStatus(round)).all }));
    },

    detail(id: number) {
      const round = repos.rounds.round(id);
      if (!round) throw new RoundRefused(404, 'not_found', `No collection round with id ${id}`);
      const shown = summary(round);
      // Benchmarks left out, for the indicators the round asks for (it may have been narrowed to some).
      const asked = new Set(shown.items.map((i) => i.indicatorCode));
      const { notOwed } = owedFigures({ cityCode: round.regionCode, year: round.year, ...repos.rounds.owedInputs() });
      return { ...shown, notOwed: notOwed.filter((n) => asked.has(n.indicatorCode)), units: unitsById() };
    },

    /** The items of open rounds the user is asked to fill, with the last years' figures beside each. */
    todo(user: Principal, roundId?: number) {
      const rounds = repos.rounds.openRounds().filter((r) => roundId === undefined || r.id === roundId);
      return rounds.map((round) => ({
        round,
        items: itemsWithStatus(round)
          .filter((item) => mayFill(user, item))
          .map((item) => ({ ...item, earlier: earlier(item, round.year) })),
      }));
    },

    /** How complete a plan's latest round year is: the latest round asking for figures its targets need. */
    planCompleteness(planId: number) {
      const targetIds = new Set(repos.plans.targets(planId).map((t) => t.id));
      for (const round of repos.rounds.list()) {
        const items = itemsWithStatus(round).filter((item) => item.targetIds.some((t) => targetIds.has(t)));
        if (items.length > 0) return { round, counts: completeness(items).all };
      }
      return null;
    },

    /** Open rounds' items as they stand, for the notifications. */
    openItems(): { round: RoundRow; items: RoundItemView[] }[] {
      return repos.rounds.openRounds().map((round) => ({ round, items: itemsWithStatus(round) }));
    },
    mayFill,
    /** The units by id (names for the items' unit ids). */
    units: () => unitsById(),

    /**
     * Posts the rounds' one-off events that have become due (complete, overdue). Run after writes that
     * may complete an item and on a timer for due dates passing; each event is sent once.
     */
    sweep(): number {
      const now = clock().toISOString();
      let queued = 0;
      repos.transaction(() => {
        queued += followReview(now);
        for (const round of repos.rounds.openRounds()) {
          if (round.completeNotifiedAt !== null && round.overdueNotifiedAt !== null) continue;
          if (noteMilestones(round, completeness(itemsWithStatus(round)).all, now)) queued++;
        }
      });
      if (queued > 0) webhooks.kick();
      return queued;
    },
  };

  /**
   * Review's steps (submitted, resubmitted, returned, approved), read from the audit log since the
   * last sweep: one event per step and open round, listing the step's figures that round asks for.
   * The audit entries are written in review's own transactions, so only what was committed is seen.
   */
  function followReview(now: string): number {
    const { steps, end } = repos.rounds.reviewStepsSince();
    let queued = 0;
    if (steps.length > 0) {
      const regions = regionNames();
      const inds = indicators();
      const open = repos.rounds.openRounds().map((round) => ({
        round,
        asked: new Set(repos.rounds.items(round.id).map((i) => `${i.regionCode}/${i.indicatorCode}`)),
      }));
      for (const step of steps) {
        const kind = STEP_EVENTS[step.action];
        if (!kind) continue;
        for (const { round, asked } of open) {
          const figures = (step.after?.figures ?? [])
            .filter((f) => f.year === round.year && asked.has(`${f.region}/${f.indicator}`))
            .map((f) => ({
              regionNameZh: regions.get(f.region)?.nameZh ?? f.region,
              indicatorNameZh: inds.get(f.indicator)?.nameZh ?? f.indicator,
              year: f.year,
              value: f.value,
              unit: inds.get(f.indicator)?.unit ?? '',
            }));
          if (figures.length === 0) continue;
          const event: RoundEvent =
            kind === 'figure_returned'
              ? { kind, round: ref(round), figures, by: step.actor, reason: step.after?.reason ?? '' }
              : { kind, round: ref(round), figures, by: step.actor };
          webhooks.notify(event, round.id, now);
          queued++;
        }
      }
    }
    repos.rounds.moveCursor(end);
    return queued;
  }

  function unitsById(): Record<string, UnitName> {
    return Object.fromEntries(repos.rounds.units().map((u) => [String(u.id), u]));
  }
}

export type RoundService = ReturnType<typeof createRoundService>;
export type { ItemStatus };
