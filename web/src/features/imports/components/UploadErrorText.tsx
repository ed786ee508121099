import { ApiError } from '../../../api/client';
import { useLocale } from '../../../i18n/useLocale';
import { ApiErrorText } from '../../session/ApiErrorText';
import { uploadErrorText } from '../uploadErrors';

/**
 * A refused upload or grid entry in the user's language: from the answer's code and parameters
 * (a field named with the form's label), else the server's bilingual message or the general text.
 */
export function UploadErrorText({
  error,
  maxMb,
  itemName,
}: {
  error: unknown;
  maxMb?: number;
  itemName?: (item: number) => string | null;
}) {
  const { t } = useLocale();
  // The keys are built from the answer's reason and field; the test checks each exists in both languages.
  const translate = (key: string, values?: Record<string, unknown>) => String(t(key as never, values as never));
  const text =
    error instanceof ApiError
      ? uploadErrorText(error, translate, { ...(maxMb === undefined ? {} : { maxMb }), ...(itemName ? { itemName } : {}) })
      : null;
  return text === null ? <ApiErrorText error={error} /> : text;
}
