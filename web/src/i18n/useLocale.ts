import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { i18next } from './index';
import { type Lang, langFromSearch } from './lang';

/**
 * The language of the current URL and a `t` bound to it. Deriving both from the URL (rather than
 * from i18next's global state) means a page never renders one frame in the previous language.
 */
export function useLocale() {
  const [params] = useSearchParams();
  const lang = langFromSearch(params);
  const { t } = useTranslation('translation', { lng: lang });
  return { lang, t };
}

/** Keeps i18next's language and <html lang> in step with the URL. Rendered once, near the root. */
export function useSyncDocumentLanguage(lang: Lang): void {
  useEffect(() => {
    document.documentElement.lang = lang;
    if (i18next.language !== lang) void i18next.changeLanguage(lang);
  }, [lang]);
}
