import { useQuery } from '@tanstack/react-query';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { useLocale } from '../../i18n/useLocale';
import { PlanCard } from './components/PlanCard';
import { planQueries } from './queries';

export function PlansPage() {
  const { t } = useLocale();
  const plans = useQuery(planQueries.list());
  return (
    <div className="page">
      <title>{t('app.documentTitle')}</title>
      <div className="page-intro">
        <h1>{t('plans.title')}</h1>
        <p className="lede">{t('plans.intro')}</p>
      </div>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <ErrorMessage error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <>
          <p className="section-count">{t('plans.count', { count: plans.data.length })}</p>
          {plans.data.length === 0 ? (
            <p className="empty">{t('plans.empty')}</p>
          ) : (
            <ul className="plan-list" aria-label={t('plans.listLabel')}>
              {plans.data.map((plan) => (
                <li key={plan.id}>
                  <PlanCard plan={plan} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
