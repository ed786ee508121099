import type { ComponentProps } from 'react';
import { Link } from 'react-router';
import { searchWithLang } from '../i18n/lang';
import { useLocale } from '../i18n/useLocale';

/** A router link to an app path that keeps the current language in the URL. */
export function LangLink({ to, ...props }: Omit<ComponentProps<typeof Link>, 'to'> & { to: string }) {
  const { lang } = useLocale();
  const [pathname = '/', search = ''] = to.split('?');
  return <Link to={`${pathname}${searchWithLang(search, lang)}`} {...props} />;
}
