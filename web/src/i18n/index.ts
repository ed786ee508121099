import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANG, LANGS, type Lang } from './lang';
import { enResources, zhResources } from './resources';

/** Both languages are bundled (small JSON files), so switching never waits for the network. */
export function initI18n(lng: Lang) {
  return i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhResources }, en: { translation: enResources } },
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
