import { useQuery } from '@tanstack/react-query';
import { LangLink } from '../../app/LangLink';
import { formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { roundQueries } from './queries';
import '../../styles/rounds.css';

/** A plan page's line on its latest collection round: "2025年数据：已审核 2 / 应报 3". Nothing without a round. */
export function PlanCompleteness({ planId }: { planId: number }) {
  const { lang, t } = useLocale();
  const answer = useQuery(roundQueries.planCompleteness(planId));
  const found = answer.data?.completeness;
  if (!found) return null;
  return (
    <p className="plan-completeness" data-testid="plan-completeness">
      {t('rounds.plan.completeness', {
        year: formatYear(found.round.year, lang),
        approved: found.counts.approved,
        total: found.counts.total,
      })}{' '}
      <LangLink to={`/rounds/${found.round.id}`}>{t('rounds.plan.link')}</LangLink>
    </p>
  );
}
