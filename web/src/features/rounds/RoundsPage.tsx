import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { referenceQueries } from '../imports/reference';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { RequireSignIn } from '../session/RequireSignIn';
import { useOpenRound } from './mutations';
import { roundQueries } from './queries';
import { approvedShare, roundRegions } from './rounds';
import '../../styles/write.css';
import '../../styles/rounds.css';

/** The administrator's form: a city, a year, titles and a due date. */
function OpenRoundForm() {
  const { lang, t } = useLocale();
  const id = useId();
  const regions = useQuery(referenceQueries.regions());
  const indicators = useQuery(referenceQueries.indicators());
  const open = useOpenRound();
  const [only, setOnly] = useState<string[]>([]);
  const cities = roundRegions(regions.data ?? []);
  const lastYear = new Date().getFullYear() - 1;
  const [region, setRegion] = useState('');
  const [year, setYear] = useState(String(lastYear));
  const [titleZh, setTitleZh] = useState<string | null>(null);
  const [titleEn, setTitleEn] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const [missing, setMissing] = useState(false);
  const chosenRegion = region || cities[0]?.code || '';
  const shownTitleZh = titleZh ?? t('rounds.open.defaultTitleZh', { year });
  const shownTitleEn = titleEn ?? t('rounds.open.defaultTitleEn', { year });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.reset();
    const incomplete = !chosenRegion || !/^\d{4}$/.test(year) || !shownTitleZh.trim() || !shownTitleEn.trim() || !due;
    setMissing(incomplete);
    if (incomplete) return;
    open.mutate({
      regionCode: chosenRegion,
      year: Number(year),
      titleZh: shownTitleZh.trim(),
      titleEn: shownTitleEn.trim(),
      dueDate: due,
      ...(only.length > 0 ? { indicatorCodes: only } : {}),
    });
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('rounds.open.heading')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form__grid">
          <div className="field">
            <label htmlFor={`${id}-region`}>{t('rounds.open.region')}</label>
            <select id={`${id}-region`} value={chosenRegion} onChange={(e) => setRegion(e.target.value)}>
              {cities.map((r) => (
                <option key={r.code} value={r.code}>
                  {lang === 'en' ? r.nameEn : r.nameZh}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-year`}>{t('rounds.open.year')}</label>
            <input id={`${id}-year`} inputMode="numeric" value={year} maxLength={4} onChange={(e) => setYear(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>{t('rounds.open.due')}</label>
            <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </div>
          <div className="field field--wide">
            <label htmlFor={`${id}-zh`}>{t('rounds.open.titleZh')}</label>
            <input id={`${id}-zh`} value={shownTitleZh} maxLength={200} onChange={(e) => setTitleZh(e.target.value)} />
          </div>
          <div className="field field--wide">
            <label htmlFor={`${id}-en`}>{t('rounds.open.titleEn')}</label>
            <input id={`${id}-en`} value={shownTitleEn} maxLength={200} onChange={(e) => setTitleEn(e.target.value)} />
          </div>
          <div className="field field--wide">
            <label htmlFor={`${id}-only`}>{t('rounds.open.only')}</label>
            <select
              id={`${id}-only`}
              multiple
              size={6}
              value={only}
              aria-describedby={`${id}-only-hint`}
              onChange={(e) => setOnly([...e.target.selectedOptions].map((o) => o.value))}
            >
              {(indicators.data ?? []).map((i) => (
                <option key={i.code} value={i.code}>
                  {lang === 'en' ? i.nameEn : i.nameZh}
                </option>
              ))}
            </select>
            <p id={`${id}-only-hint`} className="field__hint">
              {t('rounds.open.onlyHint')}
            </p>
          </div>
        </div>
        {missing ? (
          <p className="notice notice--error" role="alert">
            {t('rounds.open.missing')}
          </p>
        ) : null}
        {open.isError ? (
          <p className="notice notice--error" role="alert">
            {(open.error as { code?: string }).code === 'nothing_owed' ? (
              t('rounds.open.nothingOwed')
            ) : (
              <ApiErrorText error={open.error} />
            )}
          </p>
        ) : null}
        {open.data ? (
          <p className="notice notice--ok" role="status">
            <LangLink to={`/rounds/${open.data.id}`}>
              {t('rounds.open.opened', { title: lang === 'en' ? open.data.titleEn : open.data.titleZh })}
            </LangLink>
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button button--primary" disabled={open.isPending}>
            {t('rounds.open.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

function RoundList() {
  const { lang, t } = useLocale();
  const rounds = useQuery(roundQueries.list());
  if (rounds.isPending) return <Loading />;
  if (rounds.isError) return <ErrorMessage error={rounds.error} onRetry={() => void rounds.refetch()} />;
  if (rounds.data.rounds.length === 0) return <p className="empty">{t('rounds.list.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table rounds-table">
        <thead>
          <tr>
            <th scope="col">{t('rounds.list.round')}</th>
            <th scope="col">{t('rounds.list.region')}</th>
            <th scope="col">{t('rounds.list.year')}</th>
            <th scope="col">{t('rounds.list.due')}</th>
            <th scope="col">{t('rounds.list.progress')}</th>
            <th scope="col">{t('rounds.list.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rounds.data.rounds.map(({ round, counts }) => (
            <tr key={round.id}>
              <th scope="row">
                <LangLink to={`/rounds/${round.id}`}>{lang === 'en' ? round.titleEn : round.titleZh}</LangLink>
              </th>
              <td>{lang === 'en' ? round.regionNameEn : round.regionNameZh}</td>
              <td>{formatYear(round.year, lang)}</td>
              <td>{round.dueDate}</td>
              <td>
                <span className="round-progress">
                  <span className="round-progress__bar" aria-hidden="true">
                    <span style={{ width: `${approvedShare(counts)}%` }} />
                  </span>
                  {t('rounds.counts.approvedOfTotal', { approved: counts.approved, total: counts.total })}
                </span>
              </td>
              <td>{round.closedAt ? t('rounds.list.closed') : t('rounds.list.open')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function RoundsPage() {
  const { t } = useLocale();
  const user = useCurrentUser();
  return (
    <RequireSignIn>
      <div className="page rounds">
        <title>{t('app.pageTitle', { page: t('rounds.title') })}</title>
        <div className="page-intro">
          <h1>{t('rounds.title')}</h1>
          <p className="lede">{t('rounds.intro')}</p>
        </div>
        {isAdmin(user) ? <OpenRoundForm /> : null}
        <RoundList />
      </div>
    </RequireSignIn>
  );
}
