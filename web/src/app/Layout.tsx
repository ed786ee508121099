import { Outlet } from 'react-router';
import { useLocale, useSyncDocumentLanguage } from '../i18n/useLocale';
import { LangLink } from './LangLink';
import { LanguageToggle } from './LanguageToggle';
import { SiteNav } from './SiteNav';
import { UserMenu } from './UserMenu';

export function Layout() {
  const { lang, t } = useLocale();
  useSyncDocumentLanguage(lang);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
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
          <SiteNav />
          <div className="site-header__tools">
            <UserMenu />
            <LanguageToggle />
          </div>
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
