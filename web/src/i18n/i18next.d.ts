import 'i18next';
import type { zhResources } from './resources';

// Keys passed to t() are checked against the Chinese resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhResources };
  }
}
