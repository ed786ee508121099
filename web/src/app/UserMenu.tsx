import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { useSignOut } from '../features/session/mutations';
import { useSession } from '../features/session/queries';
import { signInPath } from '../features/session/redirect';
import { searchWithLang } from '../i18n/lang';
import { useLocale } from '../i18n/useLocale';
import { LangLink } from './LangLink';
import { useDismiss } from './useDismiss';
import '../styles/write.css';

/**
 * The signed-in user and their role, with password change and sign-out behind a disclosure button;
 * a sign-in link for visitors. Inside the site menu (`inline`) the same, shown at once, without the
 * disclosure.
 */
export function UserMenu({ inline = false }: { inline?: boolean }) {
  const { lang, t } = useLocale();
  const location = useLocation();
  const session = useSession();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Close on navigation, on Escape (focus back to the button) and on a click elsewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes whenever the address changes
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useDismiss(open, close, rootRef, buttonRef);

  const user = session.data?.user ?? null;
  const onSignIn = location.pathname === '/signin';
  const here = `${location.pathname}${location.search}`;

  const panel = user ? (
    <>
      <p className="user-menu__who">
        <span className="user-menu__full-name">{user.displayName}</span>
        {inline ? <span className="user-menu__role-line">{t(`auth.role.${user.role}`)}</span> : null}
        <span className="user-menu__account">
          {t('auth.menu.account')} <code>{user.name}</code>
        </span>
        {user.isDemo ? <span className="badge badge--demo">{t('auth.menu.demoAccount')}</span> : null}
      </p>
      <ul>
        <li>
          <LangLink to="/account/password">{t('auth.menu.changePassword')}</LangLink>
        </li>
        <li>
          <button
            type="button"
            className="link-button"
            disabled={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, {
                // A fresh page: nothing read as this user stays in memory.
                onSettled: () => window.location.assign(`/${searchWithLang('', lang)}`),
              })
            }
          >
            {t('auth.menu.signOut')}
          </button>
        </li>
      </ul>
    </>
  ) : null;

  if (inline) {
    return (
      <div className="user-menu user-menu--inline">
        {session.isPending ? null : user ? (
          <div className="user-menu__panel user-menu__panel--inline">{panel}</div>
        ) : onSignIn ? null : (
          <LangLink to={signInPath(here)} className="user-menu__signin">
            {t('auth.menu.signIn')}
          </LangLink>
        )}
      </div>
    );
  }

  return (
    <div className="user-menu" ref={rootRef}>
      {session.isPending ? null : user ? (
        <>
          <button
            ref={buttonRef}
            type="button"
            className="user-menu__button"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen((v) => !v)}
            data-role={user.role}
          >
            <span className="user-menu__who-short">
              <span className="visually-hidden">{t('auth.menu.signedInAs')} </span>
              <span className="user-menu__name" title={user.displayName}>
                {user.displayName}
              </span>
              <span className="user-menu__role">
                <span className="visually-hidden">{t('auth.menu.role')} </span>
                {t(`auth.role.${user.role}`)}
              </span>
            </span>
            <span className="user-menu__caret" aria-hidden="true" />
          </button>
          <div id={menuId} className="user-menu__panel" hidden={!open}>
            {panel}
          </div>
        </>
      ) : onSignIn ? null : (
        <LangLink to={signInPath(here)} className="user-menu__signin">
          {t('auth.menu.signIn')}
        </LangLink>
      )}
    </div>
  );
}
