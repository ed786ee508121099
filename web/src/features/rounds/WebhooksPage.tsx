import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatDate } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { RequireSignIn } from '../session/RequireSignIn';
import { useAddWebhook, useRemoveWebhook, useToggleWebhook } from './mutations';
import { roundQueries, type WebhookView } from './queries';
import '../../styles/write.css';
import '../../styles/rounds.css';

const KINDS: readonly WebhookView['kind'][] = ['wecom', 'dingtalk', 'generic'];

/** `/admin/webhooks`: where rounds' events are posted (企业微信, 钉钉, generic JSON) and how the last deliveries went. */
function Webhooks() {
  const { lang, t } = useLocale();
  const id = useId();
  const hooks = useQuery(roundQueries.webhooks());
  const add = useAddWebhook();
  const toggle = useToggleWebhook();
  const remove = useRemoveWebhook();
  const [kind, setKind] = useState<WebhookView['kind']>('wecom');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  if (hooks.isPending) return <Loading />;
  if (hooks.isError) return <ErrorMessage error={hooks.error} onRetry={() => void hooks.refetch()} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { kind, url: url.trim(), ...(kind === 'dingtalk' && secret.trim() ? { secret: secret.trim() } : {}) },
      {
        onSuccess: () => {
          setUrl('');
          setSecret('');
        },
      },
    );
  };

  return (
    <>
      <form className="form panel" onSubmit={submit} noValidate>
        <div className="form__grid">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('rounds.webhooks.kind')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as WebhookView['kind'])}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`rounds.webhooks.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--wide">
            <label htmlFor={`${id}-url`}>{t('rounds.webhooks.url')}</label>
            <input id={`${id}-url`} type="url" value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} />
          </div>
          {kind === 'dingtalk' ? (
            <div className="field">
              <label htmlFor={`${id}-secret`}>{t('rounds.webhooks.secret')}</label>
              <input
                id={`${id}-secret`}
                value={secret}
                maxLength={200}
                autoComplete="off"
                onChange={(e) => setSecret(e.target.value)}
              />
            </div>
          ) : null}
        </div>
        {add.isError ? (
          <p className="notice notice--error" role="alert">
            <ApiErrorText error={add.error} />
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {t('rounds.webhooks.add')}
          </button>
        </p>
      </form>
      {hooks.data.webhooks.length === 0 ? (
        <p className="empty">{t('rounds.webhooks.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('rounds.webhooks.kind')}</th>
                <th scope="col">{t('rounds.webhooks.url')}</th>
                <th scope="col">{t('rounds.webhooks.enabled')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('rounds.webhooks.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {hooks.data.webhooks.map((h) => (
                <tr key={h.id}>
                  <td>
                    {t(`rounds.webhooks.kinds.${h.kind}`)}
                    {h.signed ? <span className="badge">{t('rounds.webhooks.signed')}</span> : null}
                  </td>
                  <td className="webhook-url">{h.url}</td>
                  <td>
                    <input
                      type="checkbox"
                      checked={h.enabled}
                      aria-label={`${t('rounds.webhooks.enabled')} ${h.url}`}
                      onChange={(e) => toggle.mutate({ id: h.id, enabled: e.target.checked })}
                    />
                  </td>
                  <td>
                    <button type="button" className="button" onClick={() => remove.mutate(h.id)}>
                      {t('rounds.webhooks.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hooks.data.deliveries.length > 0 ? (
        <section className="panel" aria-labelledby={`${id}-deliveries`}>
          <h2 id={`${id}-deliveries`}>{t('rounds.webhooks.deliveries')}</h2>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('rounds.webhooks.event')}</th>
                  <th scope="col">{t('rounds.webhooks.state')}</th>
                  <th scope="col">{t('rounds.webhooks.attempts')}</th>
                  <th scope="col">{t('rounds.webhooks.error')}</th>
                </tr>
              </thead>
              <tbody>
                {hooks.data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <code>{d.event}</code> <span className="muted">{formatDate(d.createdAt, lang)}</span>
                    </td>
                    <td>{t(`rounds.webhooks.states.${d.state}`)}</td>
                    <td className="num">{d.attempts}</td>
                    <td>{d.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export default function WebhooksPage() {
  const { t } = useLocale();
  return (
    <RequireSignIn allow={isAdmin}>
      <div className="page webhooks">
        <title>{t('app.pageTitle', { page: t('rounds.webhooks.title') })}</title>
        <div className="page-intro">
          <h1>{t('rounds.webhooks.title')}</h1>
          <p className="lede">{t('rounds.webhooks.intro')}</p>
        </div>
        <Webhooks />
      </div>
    </RequireSignIn>
  );
}
