import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { ProgressStatus, UnitDetail } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatYear } from '../../format/plans';
import { describeStatus } from '../../format/progress';
import { useLocale } from '../../i18n/useLocale';
import { searchWith } from '../dashboard/urlState';
import { asOfFromSearch } from '../plans/asOf';
import { ProgressStatusBadge } from '../plans/components/ProgressStatusBadge';
import { severityRank } from '../plans/targetOrder';
import { unitQueries } from './queries';
import '../../styles/write.css';

function Unit({ unit, asOf }: { unit: UnitDetail; asOf: number | null }) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const name = en ? unit.nameEn : unit.nameZh;
  const led = unit.targets.filter((x) => x.role === 'lead').length;
  const responsible = unit.targets.length - led;
  // Most urgent first, as the plan page orders its targets; the lead role before the responsible.
  const targets = [...unit.targets].sort(
    (a, b) =>
      severityRank(a.result.status) - severityRank(b.result.status) ||
      Number(a.role === 'responsible') - Number(b.role === 'responsible') ||
      a.targetId - b.targetId,
  );
  // The lead targets counted by status, most urgent first (the roll-up's keys are the statuses).
  const statuses = (Object.entries(unit.leadRollup.counts) as [ProgressStatus, number][])
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => severityRank(a) - severityRank(b));
  return (
    <div className="page unit-page" data-unit-id={unit.id}>
      <title>{t('app.pageTitle', { page: `${name} · ${en ? unit.region.nameEn : unit.region.nameZh}` })}</title>
      <nav className="breadcrumb" aria-label={t('plan.breadcrumb')}>
        <ol>
          <li>
            <LangLink to="/plans">{t('plan.allPlans')}</LangLink>
          </li>
          <li aria-current="page">{name}</li>
        </ol>
      </nav>
      <header className="page-intro">
        <p className="dash-head__eyebrow">
          {t('units.page.eyebrow', { region: en ? unit.region.nameEn : unit.region.nameZh, kind: t(`units.kind.${unit.kind}`) })}
        </p>
        <h1>{name}</h1>
        {en ? (
          <p className="plan-header__original" lang="zh">
            {unit.nameZh}
          </p>
        ) : null}
        {unit.aliases.length > 0 ? (
          <p className="unit-page__aliases">{t('units.page.aliases', { forms: unit.aliases.join(en ? ', ' : '、') })}</p>
        ) : null}
        <p className="lede unit-page__counts">
          {t('units.page.summary', { count: led })}
          {responsible > 0 ? ` · ${t('units.page.responsibleCount', { count: responsible })}` : null}
        </p>
        {statuses.length > 0 ? (
          <ul className="unit-page__statuses" aria-label={t('units.page.status')}>
            {statuses.map(([status, n]) => (
              <li key={status} data-status={status}>
                <ProgressStatusBadge status={status} /> {n}
              </li>
            ))}
          </ul>
        ) : null}
      </header>
      <section aria-labelledby="unit-targets-heading">
        <h2 id="unit-targets-heading">{t('units.page.targetsHeading')}</h2>
        {targets.length === 0 ? (
          <p className="empty-state">{t('units.page.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table unit-targets" data-table="unit-targets">
              <caption className="visually-hidden">{t('units.page.caption', { unit: name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('units.page.indicator')}</th>
                  <th scope="col">{t('units.page.plan')}</th>
                  <th scope="col">{t('units.page.role')}</th>
                  <th scope="col">{t('units.page.targetYear')}</th>
                  <th scope="col">{t('units.page.status')}</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((target) => (
                  <tr
                    key={`${target.targetId}-${target.role}`}
                    data-target-id={target.targetId}
                    data-role={target.role}
                    data-status={target.result.status}
                  >
                    <th scope="row">
                      <LangLink to={`/targets/${target.targetId}${searchWith('', { asOf })}`}>
                        {en ? target.indicator.nameEn : target.indicator.nameZh}
                      </LangLink>
                    </th>
                    <td>
                      <LangLink to={`/plans/${target.plan.slug}${searchWith('', { asOf })}`}>
                        {en ? target.plan.titleEn : target.plan.titleZh}
                      </LangLink>
                    </td>
                    <td>{t(`units.role.${target.role}`)}</td>
                    <td>{target.targetYear === null ? '—' : formatYear(target.targetYear, lang)}</td>
                    <td>
                      <ProgressStatusBadge
                        status={target.result.status}
                        basis={target.result.basis}
                        label={describeStatus(target.result.status, lang).label}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export default function UnitPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const [params] = useSearchParams();
  const asOf = asOfFromSearch(params);
  const unitId = /^[1-9]\d{0,9}$/.test(id) ? Number(id) : null;
  const unit = useQuery({ ...unitQueries.detail(unitId ?? 0, asOf), enabled: unitId !== null });
  if (unitId === null || (unit.isError && unit.error instanceof ApiError && unit.error.status === 404)) {
    return (
      <div className="page">
        <title>{t('app.pageTitle', { page: t('units.page.notFound') })}</title>
        <h1>{t('units.page.notFound')}</h1>
      </div>
    );
  }
  if (unit.isPending) return <Loading />;
  if (unit.isError) return <ErrorMessage error={unit.error} headingLevel={1} onRetry={() => void unit.refetch()} />;
  return <Unit unit={unit.data} asOf={asOf} />;
}
