import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { useLocale } from '../../i18n/useLocale';
import { referenceQueries } from '../imports/reference';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { RequireSignIn } from '../session/RequireSignIn';
import { indicatorsWithAliases } from './aliases';
import { useAddAlias, useRemoveAlias } from './mutations';
import { adminQueries } from './queries';
import '../../styles/write.css';

/**
 * `/admin/indicators`: the catalogue's indicators with the other names an upload matches (R&D经费,
 * 高企, high-tech enterprises). An administrator adds a name a bureau's files use, or removes one;
 * the server refuses a name another indicator already has.
 */
function Aliases() {
  const { lang, t } = useLocale();
  const id = useId();
  const indicators = useQuery(referenceQueries.indicators());
  const aliases = useQuery(adminQueries.aliases());
  const add = useAddAlias();
  const remove = useRemoveAlias();
  const [code, setCode] = useState('');
  const [alias, setAlias] = useState('');
  const [search, setSearch] = useState('');
  const [missing, setMissing] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  if (indicators.isPending || aliases.isPending) return <Loading />;
  if (indicators.isError) return <ErrorMessage error={indicators.error} onRetry={() => void indicators.refetch()} />;
  if (aliases.isError) return <ErrorMessage error={aliases.error} onRetry={() => void aliases.refetch()} />;

  const name = (i: { nameZh: string; nameEn: string }) => (lang === 'en' ? i.nameEn : i.nameZh);
  const rows = indicatorsWithAliases(indicators.data, aliases.data, search);
  const chosen = code || indicators.data[0]?.code || '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    remove.reset();
    const text = alias.trim();
    setMissing(text === '');
    if (text === '') return;
    add.mutate(
      { code: chosen, alias: text },
      {
        onSuccess: (created) => {
          setAlias('');
          setAdded(created.alias);
        },
      },
    );
  };

  return (
    <div className="page aliases">
      <title>{t('app.pageTitle', { page: t('admin.aliases.title') })}</title>
      <div className="page-intro">
        <h1>{t('admin.aliases.title')}</h1>
        <p className="lede">{t('admin.aliases.intro')}</p>
      </div>
      <form className="form panel" onSubmit={submit} noValidate aria-label={t('admin.aliases.formLabel')}>
        <div className="form__grid">
          <div className="field">
            <label htmlFor={`${id}-indicator`}>{t('admin.aliases.indicator')}</label>
            <select id={`${id}-indicator`} value={chosen} onChange={(e) => setCode(e.target.value)}>
              {indicators.data.map((i) => (
                <option key={i.code} value={i.code}>
                  {name(i)} ({i.code})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-alias`}>{t('admin.aliases.alias')}</label>
            <input
              id={`${id}-alias`}
              value={alias}
              maxLength={100}
              placeholder={t('admin.aliases.aliasPlaceholder')}
              aria-describedby={`${id}-alias-hint`}
              aria-invalid={missing || add.isError || undefined}
              onChange={(e) => {
                setAlias(e.target.value);
                setMissing(false);
              }}
            />
            <p id={`${id}-alias-hint`} className="field__hint">
              {t('admin.aliases.aliasHint')}
            </p>
          </div>
        </div>
        {missing || add.isError ? (
          <p className="notice notice--error" role="alert">
            {missing ? t('admin.aliases.missing') : <ApiErrorText error={add.error} />}
          </p>
        ) : null}
        {added ? (
          <p className="notice notice--ok" role="status">
            {t('admin.aliases.added', { alias: added })}
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {t('admin.aliases.add')}
          </button>
        </p>
      </form>
      <section className="panel" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('admin.aliases.listTitle')}</h2>
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('admin.aliases.search')}</label>
          <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        {remove.isError ? (
          <p className="notice notice--error" role="alert">
            <ApiErrorText error={remove.error} />
          </p>
        ) : null}
        <div className="table-scroll">
          <table className="data-table alias-table">
            <caption className="visually-hidden">{t('admin.aliases.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.aliases.indicator')}</th>
                <th scope="col">{t('admin.aliases.code')}</th>
                <th scope="col">{t('admin.aliases.unit')}</th>
                <th scope="col">{t('admin.aliases.aliases')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ indicator, aliases: own }) => (
                <tr key={indicator.code} data-indicator={indicator.code}>
                  <th scope="row">{name(indicator)}</th>
                  <td>
                    <code>{indicator.code}</code>
                  </td>
                  <td>{lang === 'en' ? indicator.unitEn : indicator.unit}</td>
                  <td>
                    {own.length === 0 ? (
                      <span className="muted">{t('admin.aliases.none')}</span>
                    ) : (
                      <ul className="alias-list">
                        {own.map((a) => (
                          <li key={a.id} data-alias={a.alias}>
                            <span className="alias-list__name">{a.alias}</span>{' '}
                            <button
                              type="button"
                              className="button button--quiet button--small"
                              aria-label={t('admin.aliases.removeNamed', { alias: a.alias })}
                              disabled={remove.isPending}
                              onClick={() => {
                                setAdded(null);
                                remove.mutate({ code: indicator.code, id: a.id });
                              }}
                            >
                              {t('admin.aliases.remove')}
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export default function AliasesPage() {
  return (
    <RequireSignIn allow={isAdmin}>
      <Aliases />
    </RequireSignIn>
  );
}
