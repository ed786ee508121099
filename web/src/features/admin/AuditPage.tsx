import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { searchWithLang } from '../../i18n/lang';
import { useLocale } from '../../i18n/useLocale';
import { nameOf, referenceQueries } from '../imports/reference';
import { isAdmin } from '../session/permissions';
import { RequireSignIn } from '../session/RequireSignIn';
import { formatDateTime } from '../session/time';
import {
  type AuditValueWords,
  auditFilterFromSearch,
  auditSearch,
  auditValueText,
  describeChange,
  isKnownAction,
  isKnownEntity,
  isKnownField,
  isKnownOrigin,
  isSystemActor,
} from './audit';
import { AUDIT_PAGE_SIZE, adminQueries } from './queries';
import type { AuditEntry, AuditFilter } from './types';
import '../../styles/write.css';

function FilterForm({ filter }: { filter: AuditFilter }) {
  const { lang, t } = useLocale();
  const navigate = useNavigate();
  const id = useId();
  const users = useQuery(adminQueries.users());
  const regions = useQuery(referenceQueries.regions());
  const indicators = useQuery(referenceQueries.indicators());
  const [draft, setDraft] = useState(filter);
  const set = (field: keyof AuditFilter) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: event.target.value }));

  const apply = (next: AuditFilter) => navigate(`/admin/audit${searchWithLang(auditSearch(next).toString(), lang)}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ ...draft, offset: 0 });
  };
  const byName = (a: { nameZh: string; nameEn: string }, b: { nameZh: string; nameEn: string }) =>
    lang === 'en' ? a.nameEn.localeCompare(b.nameEn) : a.nameZh.localeCompare(b.nameZh, 'zh-CN');

  return (
    <search className="audit-filter" aria-label={t('auth.audit.searchLabel')}>
      <form className="form panel" onSubmit={submit}>
        <div className="form__grid form__grid--5">
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('auth.audit.user')}</label>
            <select id={`${id}-user`} value={draft.user} onChange={set('user')}>
              <option value="">{t('auth.audit.any')}</option>
              {users.data?.map((u) => (
                <option key={u.id} value={u.name}>
                  {u.name}
                </option>
              ))}
              {draft.user && !users.data?.some((u) => u.name === draft.user) ? (
                <option value={draft.user}>{draft.user}</option>
              ) : null}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-region`}>{t('auth.audit.region')}</label>
            <select id={`${id}-region`} value={draft.region} onChange={set('region')}>
              <option value="">{t('auth.audit.any')}</option>
              {regions.data?.map((r) => (
                <option key={r.code} value={r.code}>
                  {lang === 'en' ? r.nameEn : r.nameZh} {r.code}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-indicator`}>{t('auth.audit.indicator')}</label>
            <select id={`${id}-indicator`} value={draft.indicator} onChange={set('indicator')}>
              <option value="">{t('auth.audit.any')}</option>
              {[...(indicators.data ?? [])].sort(byName).map((i) => (
                <option key={i.code} value={i.code}>
                  {lang === 'en' ? i.nameEn : i.nameZh}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('auth.audit.from')}</label>
            <input id={`${id}-from`} type="date" value={draft.from} onChange={set('from')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('auth.audit.to')}</label>
            <input id={`${id}-to`} type="date" value={draft.to} min={draft.from || undefined} onChange={set('to')} />
          </div>
        </div>
        <p className="form__actions">
          <button type="submit" className="button">
            {t('auth.audit.search')}
          </button>
          <LangLink
            to="/admin/audit"
            className="button button--secondary"
            onClick={() => setDraft({ user: '', region: '', indicator: '', from: '', to: '', offset: 0 })}
          >
            {t('auth.audit.clear')}
          </LangLink>
        </p>
      </form>
    </search>
  );
}

/** The words values are shown with: yes/no, and the names of coded values, in the page's language. */
function useValueWords(): AuditValueWords {
  const { t } = useLocale();
  const names = <K extends string>(codes: readonly K[], name: (code: K) => string) =>
    Object.fromEntries(codes.map((code) => [code, name(code)]));
  return {
    yes: t('auth.audit.values.yes'),
    no: t('auth.audit.values.no'),
    none: t('auth.audit.values.none'),
    listSeparator: t('auth.audit.values.listSeparator'),
    codes: {
      vintage: names(['preliminary', 'final', 'revised'] as const, (v) => t(`vintage.${v}`)),
      role: names(['viewer', 'statistician', 'admin'] as const, (r) => t(`auth.role.${r}`)),
      comparator: names(['at_least', 'at_most', 'about', 'exactly'] as const, (c) => t(`admin.target.comparator.${c}`)),
      commitment: names(['binding', 'expected'] as const, (c) => t(`commitment.${c}`)),
      units: names(['lead', 'responsible'] as const, (r) => t(`units.${r}`)),
      reason: names(['unknown_name', 'wrong_password', 'account_disabled', 'demo_account_disabled'] as const, (r) =>
        t(`auth.audit.values.signInFailure.${r}`),
      ),
    },
  };
}

function Change({ entry }: { entry: AuditEntry }) {
  const { t } = useLocale();
  const words = useValueWords();
  const changes = describeChange(entry, (field, value) => auditValueText(field, value, words));
  if (changes.length === 0) return null;
  return (
    <ul className="audit-change">
      {changes.map((change) => (
        <li key={change.field || 'value'}>
          {change.field ? (
            <span className="audit-change__field" data-field={change.field}>
              {isKnownField(change.field) ? t(`auth.audit.fields.${change.field}`) : change.field}
            </span>
          ) : null}{' '}
          {change.before !== null ? <del>{change.before}</del> : null}
          {change.before !== null && change.after !== null ? (
            <span className="audit-change__arrow" aria-hidden="true">
              {' '}
              →{' '}
            </span>
          ) : null}
          {change.after !== null ? <ins>{change.after}</ins> : null}
        </li>
      ))}
    </ul>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { lang, t } = useLocale();
  const regions = useQuery(referenceQueries.regions());
  const indicators = useQuery(referenceQueries.indicators());
  return (
    <div className="table-scroll">
      <table className="data-table audit-table">
        <caption className="visually-hidden">{t('auth.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auth.audit.at')}</th>
            <th scope="col">{t('auth.audit.user')}</th>
            <th scope="col">{t('auth.audit.action')}</th>
            <th scope="col">{t('auth.audit.region')}</th>
            <th scope="col">{t('auth.audit.indicator')}</th>
            <th scope="col">{t('auth.audit.change')}</th>
            <th scope="col">{t('auth.audit.origin')}</th>
            <th scope="col">{t('auth.audit.address')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-action={entry.action}>
              <td className="nowrap">
                <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
              </td>
              <td>
                {/* Accounts by their name; the seed and anonymous sign-in attempts in words. */}
                {isSystemActor(entry.actor) ? t(`auth.audit.actors.${entry.actor}`) : <code>{entry.actor}</code>}
              </td>
              <td>
                {isKnownAction(entry.action) ? t(`auth.audit.actions.${entry.action}`) : entry.action}
                {entry.entityId ? (
                  <span className="muted audit-table__entity">
                    {' '}
                    {isKnownEntity(entry.entity) ? t(`auth.audit.entities.${entry.entity}`) : entry.entity} #{entry.entityId}
                  </span>
                ) : null}
              </td>
              <td>{entry.regionCode ? nameOf(regions.data, entry.regionCode, lang) : ''}</td>
              <td>{entry.indicatorCode ? nameOf(indicators.data, entry.indicatorCode, lang) : ''}</td>
              <td>
                <Change entry={entry} />
              </td>
              <td>{isKnownOrigin(entry.origin) ? t(`auth.audit.origins.${entry.origin}`) : entry.origin}</td>
              <td>{entry.address ? <code className="audit-table__address">{entry.address}</code> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Audit() {
  const { lang, t } = useLocale();
  const [params] = useSearchParams();
  const filter = auditFilterFromSearch(params);
  const audit = useQuery(adminQueries.audit(filter));
  const pageLink = (offset: number) => `/admin/audit${searchWithLang(auditSearch({ ...filter, offset }).toString(), lang)}`;
  const total = audit.data?.total ?? 0;
  const shownTo = Math.min(filter.offset + AUDIT_PAGE_SIZE, total);
  return (
    <div className="page">
      <title>{t('app.pageTitle', { page: t('auth.audit.title') })}</title>
      <div className="page-intro">
        <h1>{t('auth.audit.title')}</h1>
        <p className="lede">{t('auth.audit.intro')}</p>
      </div>
      {/* Keyed by the address, so Back and the clear link reset the form's fields too. */}
      <FilterForm key={params.toString()} filter={filter} />
      {audit.isPending ? (
        <Loading />
      ) : audit.isError ? (
        <ErrorMessage error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <section className="audit-results" aria-labelledby="audit-results-h" aria-busy={audit.isPlaceholderData}>
          <h2 id="audit-results-h" className="section-head">
            {t('auth.audit.results', { count: total })}
          </h2>
          {total === 0 ? (
            <p className="empty">{t('auth.audit.none')}</p>
          ) : (
            <>
              <p className="muted" role="status">
                {t('auth.audit.showing', { from: filter.offset + 1, to: shownTo, total })}
              </p>
              <AuditTable entries={audit.data.entries} />
              <nav className="pager" aria-label={t('auth.audit.pages')}>
                {filter.offset > 0 ? (
                  <LangLink to={pageLink(Math.max(0, filter.offset - AUDIT_PAGE_SIZE))} rel="prev">
                    {t('auth.audit.previous')}
                  </LangLink>
                ) : null}
                {shownTo < total ? (
                  <LangLink to={pageLink(filter.offset + AUDIT_PAGE_SIZE)} rel="next">
                    {t('auth.audit.next')}
                  </LangLink>
                ) : null}
              </nav>
            </>
          )}
        </section>
      )}
    </div>
  );
}

export default function AuditPage() {
  return (
    <RequireSignIn allow={isAdmin}>
      <Audit />
    </RequireSignIn>
  );
}
