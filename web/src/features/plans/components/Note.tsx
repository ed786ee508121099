import { noteIn } from '../../../format/plans';
import { useLocale } from '../../../i18n/useLocale';

/** A reviewer's note in the page's language (the other language's, marked, where the page's is missing). */
export function Note({ zh, en, className = 'note' }: { zh: string | null; en: string | null; className?: string }) {
  const { lang, t } = useLocale();
  const shown = noteIn({ zh, en }, lang);
  if (!shown) return null;
  return (
    <p className={className}>
      <span className="note__label">{t('common.note')}</span>{' '}
      <span lang={shown.lang}>
        {shown.text}
        {shown.otherLanguage ? <span className="note__other"> {t('common.noteOtherLanguage')}</span> : null}
      </span>
    </p>
  );
}
