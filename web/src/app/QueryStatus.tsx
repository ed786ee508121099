import { ApiError } from '../api/client';
import { useLocale } from '../i18n/useLocale';

type SkeletonShape = 'target' | 'plan' | 'compare';

/** A grey block standing in for text or a box of the final page (never read out). */
function Bone({ className }: { className: string }) {
  return <span className={`skeleton__bone ${className}`} />;
}

/**
 * The final page's layout in grey while its code and data arrive, instead of a spinner: the
 * chart's box, the verdict and the headings keep their places, so nothing jumps when the content
 * replaces it (Lighthouse's layout shift on the target page was 0.57 with the spinner). It is at
 * least a screen tall, as every page it stands for is, so the footer never shows and then moves.
 */
export function PageSkeleton({ shape }: { shape: SkeletonShape }) {
  const { t } = useLocale();
  return (
    <div className={`page skeleton skeleton--${shape}`} aria-busy="true" data-skeleton={shape}>
      <p className="visually-hidden" role="status">
        {t('common.loading')}
      </p>
      <div aria-hidden="true">
        <Bone className="skeleton__crumb" />
        <Bone className="skeleton__eyebrow" />
        <Bone className="skeleton__title" />
        {shape === 'target' ? (
          <>
            <Bone className="skeleton__line" />
            <span className="skeleton__box skeleton__box--verdict" />
            <span className="skeleton__box skeleton__box--chart" />
          </>
        ) : shape === 'plan' ? (
          <>
            <span className="skeleton__box skeleton__box--downloads" />
            <span className="skeleton__box skeleton__box--summary" />
            <span className="skeleton__box skeleton__box--card" />
          </>
        ) : (
          <>
            <span className="skeleton__box skeleton__box--controls" />
            <span className="skeleton__box skeleton__box--chart" />
          </>
        )}
      </div>
    </div>
  );
}

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
