import { type FormEvent, useId, useState } from 'react';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from './ApiErrorText';
import { useChangePassword } from './mutations';
import { useCurrentUser } from './queries';
import { RequireSignIn } from './RequireSignIn';

const MIN_LENGTH = 10;

function PasswordForm() {
  const { t } = useLocale();
  const user = useCurrentUser();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<'short' | 'mismatch' | null>(null);
  const hintId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next.length < MIN_LENGTH) return setProblem('short');
    if (next !== repeat) return setProblem('mismatch');
    setProblem(null);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
        },
      },
    );
  };

  return (
    <div className="page narrow">
      <title>{t('app.pageTitle', { page: t('auth.password.title') })}</title>
      <h1>{t('auth.password.title')}</h1>
      {user ? <p className="muted">{t('auth.password.for', { name: user.displayName, account: user.name })}</p> : null}
      <form className="form panel" onSubmit={submit} noValidate>
        {change.isSuccess ? (
          <p className="notice notice--ok" role="status">
            {t('auth.password.done')}
          </p>
        ) : null}
        {problem || change.isError ? (
          <p className="notice notice--error" role="alert">
            {problem === 'short' ? (
              t('auth.error.passwordTooShort')
            ) : problem === 'mismatch' ? (
              t('auth.password.mismatch')
            ) : (
              <ApiErrorText error={change.error} />
            )}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="pw-current">{t('auth.password.current')}</label>
          <input
            id="pw-current"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="pw-new">{t('auth.password.new')}</label>
          <input
            id="pw-new"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_LENGTH}
            aria-describedby={hintId}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <p id={hintId} className="field__hint">
            {t('auth.password.hint', { count: MIN_LENGTH })}
          </p>
        </div>
        <div className="field">
          <label htmlFor="pw-repeat">{t('auth.password.repeat')}</label>
          <input
            id="pw-repeat"
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </div>
        <p className="form__actions">
          <button type="submit" className="button" disabled={change.isPending}>
            {t('auth.password.submit')}
          </button>
        </p>
        <p className="muted form__aside">{t('auth.password.otherSessions')}</p>
      </form>
    </div>
  );
}

export default function PasswordPage() {
  return (
    <RequireSignIn>
      <PasswordForm />
    </RequireSignIn>
  );
}
