import { ApiError } from '../api/client';
import { useLocale } from '../i18n/useLocale';

export function Loading() {
  const { t } = useLocale();
  return (
    <p className="status-message status-message--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

/** An API failure with the server's own message (English from the API, so marked as such). */
export function ErrorMessage({
  error,
  title,
  onRetry,
  headingLevel = 2,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** 1 when the error replaces the whole page, so the page still has its one h1 */
  headingLevel?: 1 | 2;
}) {
  const { t } = useLocale();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const status = error instanceof ApiError ? error.status : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="status-message status-message--error" role="alert">
      <Heading>{title ?? t('common.errorTitle')}</Heading>
      <p>{status === 0 ? t('common.errorNetwork') : status !== null ? t('common.errorStatus', { status }) : null}</p>
      <p lang="en" className="status-message__detail">
        {message}
      </p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
