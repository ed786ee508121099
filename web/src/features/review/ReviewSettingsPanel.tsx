import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from '../session/ApiErrorText';
import { useSetReviewRequired } from './mutations';
import { reviewQueries } from './queries';

/** The administrator's switch for review before publication (PUT /api/settings/review, audited). */
export function ReviewSettingsPanel() {
  const { t } = useLocale();
  const id = useId();
  const settings = useQuery(reviewQueries.settings());
  const save = useSetReviewRequired();
  const on = settings.data?.reviewRequired ?? false;
  return (
    <section className="panel review-settings" aria-labelledby={`${id}-h`} data-review-required={on ? 'true' : 'false'}>
      <h2 id={`${id}-h`}>{t('review.settings.title')}</h2>
      <p className="pline__acknowledge">
        <input
          type="checkbox"
          id={`${id}-on`}
          checked={on}
          disabled={!settings.data || save.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(event) => save.mutate(event.target.checked)}
        />
        <label htmlFor={`${id}-on`}>{t('review.settings.on')}</label>
      </p>
      <p id={`${id}-hint`} className="field__hint">
        {t('review.settings.hint')} {on ? t('review.settings.stateOn') : t('review.settings.stateOff')}
      </p>
      {save.isSuccess ? (
        <p className="notice notice--ok" role="status">
          {t('review.settings.saved')}
        </p>
      ) : null}
      {save.isError ? (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={save.error} />
        </p>
      ) : null}
    </section>
  );
}
