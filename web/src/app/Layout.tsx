import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSession } from '../features/session/queries';
import { SessionGuard } from '../features/session/SessionGuard';
import { useLocale, useSyncDocumentLanguage } from '../i18n/useLocale';
import { LangLink } from './LangLink';
import { LanguageToggle } from './LanguageToggle';
import { SiteNav } from './SiteNav';
import { UserMenu } from './UserMenu';
import { useDismiss } from './useDismiss';
import { useHeaderFit } from './useHeaderFit';

/**
 * The navigation, the user and the language behind one button, for a header too narrow for them in a
 * row (a phone; a tablet in English, signed in). Closes on navigation, Escape and a click elsewhere.
 */
function SiteMenu() {
  const { t } = useLocale();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes whenever the address changes
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useDismiss(open, close, rootRef, buttonRef);
  return (
    <div className="site-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="site-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="site-menu__icon" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        {t('nav.menu')}
      </button>
      {/* Kept in the page while closed, so the user's and the navigation's state persist. */}
      <div id={panelId} className="site-menu__panel" hidden={!open}>
        <SiteNav variant="menu" />
        <UserMenu inline />
        <LanguageToggle />
      </div>
    </div>
  );
}

export function Layout() {
  const { lang, t } = useLocale();
  useSyncDocumentLanguage(lang);
  const session = useSession();
  const user = session.data?.user ?? null;
  const rowRef = useRef<HTMLDivElement>(null);
  const mode = useHeaderFit(
    rowRef,
    [lang, session.isPending ? 'pending' : user ? `${user.id}:${user.role}:${user.displayName}` : 'visitor'].join('|'),
  );
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {/* Sends the user to sign in whenever reading needs it: on every page, whatever the header shows. */}
      <SessionGuard />
      <header className={`site-header site-header--${mode}`} data-header-mode={mode}>
        <div className="site-header__inner" ref={rowRef}>
          <LangLink to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            <span className="brand__text">
              <span className="brand__name">
                <span lang="zh">{t('app.name')}</span> <span lang="en">{t('app.nameLatin')}</span>
              </span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </LangLink>
          {mode === 'bar' ? (
            <>
              <SiteNav />
              <div className="site-header__tools">
                <UserMenu />
                <LanguageToggle />
              </div>
            </>
          ) : (
            <SiteMenu />
          )}
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
