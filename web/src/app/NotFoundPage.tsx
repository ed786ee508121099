import { useLocale } from '../i18n/useLocale';
import { LangLink } from './LangLink';

export function NotFoundPage() {
  const { t } = useLocale();
  return (
    <section className="page narrow">
      <title>{t('app.pageTitle', { page: t('common.notFoundTitle') })}</title>
      <h1>{t('common.notFoundTitle')}</h1>
      <p>{t('common.notFoundBody')}</p>
      <p>
        <LangLink to="/plans">{t('common.backToPlans')}</LangLink>
      </p>
    </section>
  );
}
