import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import { DEFAULT_LANG, LANGS, type Lang } from './lang';
import zh from './zh-CN.json' with { type: 'json' };

// Typed against the Chinese resources: a key missing from the English file fails to compile.
const english: typeof zh = en;

/** Both languages are bundled (two small JSON files), so switching never waits for the network. */
export function initI18n(lng: Lang) {
  return i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zh }, en: { translation: english } },
    lng,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LANGS],
    load: 'currentOnly',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
}

export { i18next };
