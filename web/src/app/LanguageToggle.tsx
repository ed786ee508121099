import { Link, useLocation } from 'react-router';
import { LANGS, searchWithLang } from '../i18n/lang';
import { useLocale } from '../i18n/useLocale';

/** 中文 / English: links to the same page in the other language, so the rest of the URL is kept. */
export function LanguageToggle() {
  const { lang, t } = useLocale();
  const location = useLocation();
  return (
    <nav className="lang-toggle" aria-label={t('language.label')}>
      <ul>
        {LANGS.map((option) => (
          <li key={option}>
            <Link
              to={`${location.pathname}${searchWithLang(location.search, option)}${location.hash}`}
              lang={option}
              hrefLang={option}
              aria-current={option === lang ? 'true' : undefined}
            >
              {t(`language.${option}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
