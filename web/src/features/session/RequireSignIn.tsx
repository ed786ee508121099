import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../../app/QueryStatus';
import { searchWithLang } from '../../i18n/lang';
import { useLocale } from '../../i18n/useLocale';
import type { SessionUser } from './permissions';
import { useSession } from './queries';
import { signInPath } from './redirect';

/**
 * A page for signed-in users only (and, with `allow`, only some of them): visitors are taken to the
 * sign-in page and brought back; users whose role does not allow the page are told so plainly.
 * The server refuses these users regardless; this only saves them a page of errors.
 */
export function RequireSignIn({ allow, children }: { allow?: (user: SessionUser) => boolean; children: ReactNode }) {
  const { lang, t } = useLocale();
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <Loading />;
  const user = session.data?.user ?? null;
  if (!user) {
    const [path = '/', query = ''] = signInPath(`${location.pathname}${location.search}`, 'required').split('?');
    return <Navigate to={`${path}${searchWithLang(query, lang)}`} replace />;
  }
  if (allow && !allow(user)) {
    return (
      <div className="page narrow">
        <title>{t('app.pageTitle', { page: t('auth.forbidden.title') })}</title>
        <h1>{t('auth.forbidden.title')}</h1>
        <p>{t('auth.forbidden.body', { role: t(`auth.role.${user.role}`) })}</p>
      </div>
    );
  }
  return <>{children}</>;
}
