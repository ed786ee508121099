import type { Principal } from '../domain/permissions.js';
import type { Repositories } from '../repositories/index.js';
import type { RoundService } from './rounds.js';

/**
 * Who reviews which regions. A reviewer reviews their regions, an administrator every region; the
 * two-person rule (nobody approves their own) is the review routes' to enforce, and the list below
 * leaves a user's own submissions out for the same reason.
 */
export function reviewRegions(user: Principal): string[] | null | 'none' {
  if (user.role === 'admin') return null;
  if (user.role === 'reviewer') return user.regions;
  return 'none';
}

/**
 * What waits for a user, computed each time from the rounds and submissions (nothing is stored, so
 * nothing goes stale): to fill (their open rounds' items nobody has answered), to fix (items whose
 * latest submission was returned, with the reason), to review (figures pending in regions they review).
 */
export function createNotificationService(repos: Repositories, rounds: RoundService) {
  return {
    mine(user: Principal) {
      const toFill = [];
      const toFix = [];
      for (const { round, items } of rounds.openItems()) {
        for (const item of items) {
          if (!rounds.mayFill(user, item)) continue;
          const entry = {
            roundId: round.id,
            roundTitleZh: round.titleZh,
            roundTitleEn: round.titleEn,
            dueDate: round.dueDate,
            year: round.year,
            regionCode: item.regionCode,
            regionNameZh: item.regionNameZh,
            regionNameEn: item.regionNameEn,
            indicatorCode: item.indicatorCode,
            indicatorNameZh: item.indicatorNameZh,
            indicatorNameEn: item.indicatorNameEn,
            status: item.status,
            reason: item.reason,
            submissionId: item.submissionId,
          };
          if (item.status === 'owed' || item.status === 'overdue') toFill.push(entry);
          else if (item.status === 'returned') toFix.push(entry);
        }
      }
      const regions = reviewRegions(user);
      const names = new Map(repos.reference.listRegions().map((r) => [r.code, r] as const));
      const indicators = new Map(repos.reference.listIndicators().map((i) => [i.code, i] as const));
      const toReview =
        regions === 'none' || (regions !== null && regions.length === 0)
          ? []
          : repos.rounds
              .pendingReview(regions)
              .filter((s) => s.submittedById !== user.id)
              .map((s) => ({
                submissionId: s.id,
                batchId: s.batchId,
                regionCode: s.regionCode,
                regionNameZh: names.get(s.regionCode)?.nameZh ?? s.regionCode,
                regionNameEn: names.get(s.regionCode)?.nameEn ?? s.regionCode,
                indicatorCode: s.indicatorCode,
                indicatorNameZh: indicators.get(s.indicatorCode)?.nameZh ?? s.indicatorCode,
                indicatorNameEn: indicators.get(s.indicatorCode)?.nameEn ?? s.indicatorCode,
                unit: indicators.get(s.indicatorCode)?.unit ?? '',
                year: s.year,
                value: s.value,
                submittedBy: s.submittedBy,
                submittedAt: s.submittedAt,
              }));
      return { count: toFill.length + toFix.length + toReview.length, toFill, toFix, toReview };
    },
  };
}
