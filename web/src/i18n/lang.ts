/**
 * The interface language lives in the URL (`?lang=en`), so a shared link opens in the language it
 * was shared in. Chinese is the default and is never written into the URL. Pure: no React, no DOM.
 */

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_PARAM = 'lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The language a query string asks for; anything unknown falls back to Chinese. */
export function langFromSearch(search: string | URLSearchParams): Lang {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get(LANG_PARAM);
  return isLang(value) ? value : DEFAULT_LANG;
}

/** The same query string with the language set (or removed, for the default); "" or "?…". */
export function searchWithLang(search: string, lang: Lang): string {
  const params = new URLSearchParams(search);
  if (lang === DEFAULT_LANG) params.delete(LANG_PARAM);
  else params.set(LANG_PARAM, lang);
  const query = params.toString();
  return query ? `?${query}` : '';
}
