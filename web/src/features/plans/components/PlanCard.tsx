import type { PlanSummary } from '../../../api/types';
import { LangLink } from '../../../app/LangLink';
import { formatPeriod } from '../../../format/plans';
import { useLocale } from '../../../i18n/useLocale';
import { StatusBadge } from './StatusBadge';

export function PlanCard({ plan }: { plan: PlanSummary }) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const titleId = `plan-${plan.id}-title`;
  return (
    <article className="plan-card" aria-labelledby={titleId}>
      <div className="plan-card__tags">
        <span className="badge badge--kind">{t(`planKind.${plan.kind}`)}</span>
        <StatusBadge status={plan.status} />
      </div>
      <h2 className="plan-card__title" id={titleId}>
        <LangLink to={`/plans/${plan.slug}`} className="stretched-link">
          {en ? plan.titleEn : plan.titleZh}
        </LangLink>
      </h2>
      {en ? (
        <p className="plan-card__original" lang="zh">
          {plan.titleZh}
        </p>
      ) : null}
      <dl className="facts facts--card">
        <div>
          <dt>{t('plans.docNumber')}</dt>
          <dd>{plan.docNumber ?? <span className="muted">{t('plans.noDocNumber')}</span>}</dd>
        </div>
        <div>
          <dt>{t('plans.issuer')}</dt>
          <dd>{en ? plan.issuerEn : plan.issuerZh}</dd>
        </div>
        <div>
          <dt>{t('plans.region')}</dt>
          <dd>{en ? plan.region.nameEn : plan.region.nameZh}</dd>
        </div>
        <div>
          <dt>{t('plans.period')}</dt>
          <dd>{formatPeriod(plan.periodStart, plan.periodEnd, lang)}</dd>
        </div>
        <div>
          <dt>{t('plans.targets')}</dt>
          <dd className="facts__number">{t('plans.targetCount', { count: plan.targetCount })}</dd>
        </div>
      </dl>
    </article>
  );
}
