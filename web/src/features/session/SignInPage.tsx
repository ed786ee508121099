import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LangLink } from '../../app/LangLink';
import { Loading } from '../../app/QueryStatus';
import { searchWithLang } from '../../i18n/lang';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from './ApiErrorText';
import { useSignIn } from './mutations';
import { useSession } from './queries';
import { reasonFromParam, safeNext } from './redirect';
import '../../styles/write.css';

/** Loud on purpose: anyone can sign in to a demo server with the published passwords. */
function DemoBanner({
  accounts,
  onUse,
}: {
  accounts: { name: string; role: string; password: string }[];
  onUse: (a: { name: string; password: string }) => void;
}) {
  const { t } = useLocale();
  const headingId = useId();
  return (
    <section className="demo-banner" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="demo-banner__icon" aria-hidden="true">
          !
        </span>
        {t('auth.demo.title')}
      </h2>
      <p>{t('auth.demo.body')}</p>
      <table className="demo-banner__accounts">
        <caption className="visually-hidden">{t('auth.demo.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auth.demo.account')}</th>
            <th scope="col">{t('auth.demo.role')}</th>
            <th scope="col">{t('auth.demo.password')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('auth.demo.use')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.name}>
              <th scope="row">
                <code>{account.name}</code>
              </th>
              <td>{isRole(account.role) ? t(`auth.role.${account.role}`) : account.role}</td>
              <td>
                <code>{account.password}</code>
              </td>
              <td>
                <button type="button" className="button button--small button--quiet" onClick={() => onUse(account)}>
                  {t('auth.demo.useAccount', { name: account.name })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const ROLES = ['viewer', 'statistician', 'reporter', 'reviewer', 'admin'] as const;
const isRole = (role: string): role is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(role);

export default function SignInPage() {
  const { lang, t } = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const next = safeNext(params.get('next'));
  const reason = reasonFromParam(params.get('reason'));

  const goNext = () => {
    const [path = '/', query = ''] = next.split('?');
    // `next` keeps the language it was left in; the sign-in page's own choice wins when they differ.
    navigate(`${path}${searchWithLang(query, lang)}`, { replace: true });
  };

  // Each refusal moves focus to its message, so a screen reader reads it at once.
  useEffect(() => {
    if (signIn.error) errorRef.current?.focus();
  }, [signIn.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return nameRef.current?.focus();
    if (!password) return passwordRef.current?.focus();
    signIn.mutate({ name: name.trim(), password }, { onSuccess: goNext, onError: () => setPassword('') });
  };

  if (session.isPending) return <Loading />;
  const info = session.data;
  const user = info?.user ?? null;

  return (
    <div className="page signin">
      <title>{t('app.pageTitle', { page: t('auth.signIn.title') })}</title>
      <div className="signin__layout">
        <div className="signin__form-column">
          <h1>{t('auth.signIn.title')}</h1>
          {reason && !user ? (
            <p className="notice notice--info" role="status">
              {t(reason === 'expired' ? 'auth.error.sessionExpired' : 'auth.signIn.required')}
            </p>
          ) : null}
          {user ? (
            <div className="panel">
              <p>{t('auth.signIn.already', { name: user.displayName })}</p>
              <p>
                <button type="button" className="button" onClick={goNext}>
                  {t('auth.signIn.continue')}
                </button>
              </p>
            </div>
          ) : (
            <form className="form panel" onSubmit={submit} noValidate>
              {signIn.isError ? (
                <div
                  className="notice notice--error"
                  role="alert"
                  tabIndex={-1}
                  ref={errorRef}
                  data-error-code={errorCode(signIn.error)}
                >
                  <ApiErrorText error={signIn.error} />
                </div>
              ) : null}
              <div className="field">
                <label htmlFor="signin-name">{t('auth.signIn.name')}</label>
                <input
                  id="signin-name"
                  ref={nameRef}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="signin-password">{t('auth.signIn.password')}</label>
                <input
                  id="signin-password"
                  ref={passwordRef}
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              </div>
              <p className="form__actions">
                <button type="submit" className="button" disabled={signIn.isPending}>
                  {signIn.isPending ? t('auth.signIn.working') : t('auth.signIn.submit')}
                </button>
              </p>
              {info?.publicRead ? (
                <p className="muted form__aside">
                  {t('auth.signIn.publicRead')} <LangLink to="/">{t('auth.signIn.browse')}</LangLink>
                </p>
              ) : (
                <p className="muted form__aside">{t('auth.signIn.private')}</p>
              )}
            </form>
          )}
        </div>
        {info?.demo ? (
          <DemoBanner
            accounts={info.demoAccounts}
            onUse={(account) => {
              setName(account.name);
              setPassword(account.password);
              signIn.reset();
              passwordRef.current?.focus();
            }}
          />
        ) : null}
      </div>
    </div>
  );
}

function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}
