import { ApiError } from '../../api/client';
import { useLocale } from '../../i18n/useLocale';
import { describeApiError } from './errors';

/**
 * An API failure in the user's language: the server's own bilingual message when it sends one (upload
 * checks), else a sentence chosen by the error's code. An unrecognised failure keeps the server's
 * English detail beside the translated sentence, marked as English.
 */
export function ApiErrorText({ error }: { error: unknown }) {
  const { lang, t } = useLocale();
  const apiError = error instanceof ApiError ? error : null;
  if (apiError?.messages) return <>{lang === 'en' ? apiError.messages.en : apiError.messages.zh}</>;
  const text = describeApiError(apiError ?? new ApiError(0, error instanceof Error ? error.message : String(error)));
  return (
    <>
      {t(text.key, text.values ?? {})}
      {text.key === 'auth.error.other' && apiError ? (
        <>
          {' '}
          <span lang="en" className="notice__detail">
            {apiError.message}
          </span>
        </>
      ) : null}
    </>
  );
}
