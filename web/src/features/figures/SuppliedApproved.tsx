import { useQuery } from '@tanstack/react-query';
import { formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { figureQueries } from './queries';

/** "填报：X　审核：Y": a figure published by a reviewer's approval names both people. */
export function SuppliedApproved({
  figure,
  year,
}: {
  figure: { submittedBy?: string | null; approvedBy?: string | null };
  /** Names the figure's year first, where the figure is not beside it (the target page). */
  year?: number;
}) {
  const { lang, t } = useLocale();
  if (!figure.approvedBy || !figure.submittedBy) return null;
  return (
    <p className="supplied-approved" data-approved-by={figure.approvedBy}>
      {year === undefined ? null : <span className="supplied-approved__year">{formatYear(year, lang)} </span>}
      {t('review.figure.suppliedApproved', { by: figure.submittedBy, approver: figure.approvedBy })}
    </p>
  );
}

/** On a target's page: who supplied and who approved the latest published figure of its series. */
export function LatestSuppliedApproved({ region, indicator }: { region: string; indicator: string }) {
  const series = useQuery(figureQueries.series(region, indicator));
  const latest = (series.data?.observations ?? []).filter((o) => o.published).sort((a, b) => b.year - a.year)[0];
  return latest ? <SuppliedApproved figure={latest} year={latest.year} /> : null;
}
