import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { RoundStatusCounts } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatDate, formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { RequireSignIn } from '../session/RequireSignIn';
import { useCloseRound } from './mutations';
import { roundQueries } from './queries';
import { STATUS_ORDER, unitName } from './rounds';
import { StatusBadge } from './StatusBadge';
import '../../styles/write.css';
import '../../styles/rounds.css';

const UNIT_PARAM = 'unit';
const NO_UNIT = 'none';

function CountCells({ counts }: { counts: RoundStatusCounts }) {
  return (
    <>
      <td className="num">{counts.total}</td>
      {STATUS_ORDER.map((s) => (
        <td key={s} className="num" data-status={s}>
          {counts[s]}
        </td>
      ))}
    </>
  );
}

/** `/rounds/:id`: a round's completeness, in all and per unit, and its items with their status. */
function Round({ id }: { id: number }) {
  const { lang, t } = useLocale();
  const headingId = useId();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const detail = useQuery(roundQueries.detail(id));
  const close = useCloseRound();
  const [confirming, setConfirming] = useState(false);
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorMessage error={detail.error} onRetry={() => void detail.refetch()} />;
  const { round, items, all, byUnit, units, notOwed } = detail.data;
  const unitLabel = (unitId: number | null) => unitName(units, unitId, lang) ?? t('rounds.detail.noUnit');
  const chosen = params.get(UNIT_PARAM);
  const shown = items.filter((i) => chosen === null || (chosen === NO_UNIT ? i.unitId === null : String(i.unitId) === chosen));
  const title = lang === 'en' ? round.titleEn : round.titleZh;

  return (
    <div className="page round">
      <title>{t('app.pageTitle', { page: title })}</title>
      <nav className="breadcrumb" aria-label={t('plan.breadcrumb')}>
        <ol>
          <li>
            <LangLink to="/rounds">{t('rounds.detail.breadcrumb')}</LangLink>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <div className="page-intro">
        <h1>{title}</h1>
        <p className="lede">
          {t('rounds.detail.summary', {
            region: lang === 'en' ? round.regionNameEn : round.regionNameZh,
            year: formatYear(round.year, lang),
            due: round.dueDate,
          })}
        </p>
        <p className="muted">
          {t('rounds.detail.openedBy', { name: round.openedByName, date: formatDate(round.openedAt, lang) })}
          {round.closedAt ? ` · ${t('rounds.detail.closedAt', { date: formatDate(round.closedAt, lang) })}` : ''}
        </p>
      </div>

      <p className="round-total" data-testid="round-total">
        {t('rounds.counts.approvedOfTotal', { approved: all.approved, total: all.total })}
      </p>

      <section className="panel" aria-labelledby={`${headingId}-units`}>
        <h2 id={`${headingId}-units`}>{t('rounds.detail.byUnit')}</h2>
        <div className="table-scroll">
          <table className="data-table round-units">
            <thead>
              <tr>
                <th scope="col">{t('rounds.detail.unit')}</th>
                <th scope="col">{t('rounds.counts.total')}</th>
                {STATUS_ORDER.map((s) => (
                  <th key={s} scope="col">
                    {t(`rounds.status.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {byUnit.map(({ unitId, counts }) => (
                <tr key={unitId ?? NO_UNIT} data-unit={unitId ?? NO_UNIT}>
                  <th scope="row">{unitLabel(unitId)}</th>
                  <CountCells counts={counts} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-unit="all">
                <th scope="row">{t('rounds.detail.allUnits')}</th>
                <CountCells counts={all} />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby={`${headingId}-items`}>
        <h2 id={`${headingId}-items`}>{t('rounds.detail.items')}</h2>
        <div className="field round-filter">
          <label htmlFor={`${headingId}-unit`}>{t('rounds.detail.filterUnit')}</label>
          <select
            id={`${headingId}-unit`}
            value={chosen ?? ''}
            onChange={(e) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (e.target.value) next.set(UNIT_PARAM, e.target.value);
                  else next.delete(UNIT_PARAM);
                  return next;
                },
                { replace: true },
              )
            }
          >
            <option value="">{t('rounds.detail.allUnits')}</option>
            {byUnit.map(({ unitId }) => (
              <option key={unitId ?? NO_UNIT} value={unitId === null ? NO_UNIT : String(unitId)}>
                {unitLabel(unitId)}
              </option>
            ))}
          </select>
        </div>
        <div className="table-scroll">
          <table className="data-table round-items">
            <thead>
              <tr>
                <th scope="col">{t('rounds.list.region')}</th>
                <th scope="col">{t('rounds.detail.indicator')}</th>
                <th scope="col">{t('rounds.detail.owingUnit')}</th>
                <th scope="col">{t('rounds.list.state')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr
                  key={`${item.regionCode}-${item.indicatorCode}`}
                  data-indicator={item.indicatorCode}
                  data-status={item.status}
                >
                  <td>{lang === 'en' ? item.regionNameEn : item.regionNameZh}</td>
                  <th scope="row">{lang === 'en' ? item.indicatorNameEn : item.indicatorNameZh}</th>
                  <td>
                    {unitLabel(item.unitId)}
                    {item.otherUnitIds.length > 0 ? (
                      <span className="round-items__also">
                        {t('rounds.detail.alsoNamed', {
                          units: item.otherUnitIds.map((u) => unitLabel(u)).join(lang === 'en' ? ', ' : '、'),
                        })}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                    {item.reason ? (
                      <p className="round-items__reason">{t('rounds.detail.reason', { reason: item.reason })}</p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {notOwed.length > 0 ? <p className="field__hint">{t('rounds.detail.notOwed', { count: notOwed.length })}</p> : null}
      </section>

      {!round.closedAt ? (
        <p className="form__actions">
          <LangLink className="button" to="/todo">
            {t('rounds.detail.fill')}
          </LangLink>
          {isAdmin(user) ? (
            confirming ? (
              <span className="round-close">
                <span>{t('rounds.detail.closeConfirm')}</span>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={close.isPending}
                  onClick={() => close.mutate(round.id)}
                >
                  {t('rounds.detail.close')}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  {t('rounds.detail.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" className="button" onClick={() => setConfirming(true)}>
                {t('rounds.detail.close')}
              </button>
            )
          ) : null}
        </p>
      ) : null}
      {close.isError ? (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={close.error} />
        </p>
      ) : null}
    </div>
  );
}

export default function RoundPage() {
  const { id } = useParams();
  const roundId = Number(id);
  return <RequireSignIn>{Number.isInteger(roundId) && roundId > 0 ? <Round id={roundId} /> : null}</RequireSignIn>;
}
