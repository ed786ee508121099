import { useLocale } from '../../../i18n/useLocale';

/** Preview / committed / discarded / reverted, as a word with a shape. */
export function ImportStatusBadge({ status }: { status: string }) {
  const { t } = useLocale();
  const known = status === 'preview' || status === 'committed' || status === 'discarded' || status === 'reverted';
  return (
    <span className={`import-status import-status--${known ? status : 'other'}`} data-import-status={status}>
      <span className="import-status__shape" aria-hidden="true" />
      {known ? t(`imports.status.${status}`) : status}
    </span>
  );
}
