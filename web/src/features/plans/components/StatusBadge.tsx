import type { PlanStatus } from '../../../api/types';
import { useLocale } from '../../../i18n/useLocale';

/** The status in words, with a shape as well as a colour (never colour alone). */
export function StatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useLocale();
  return (
    <span className={`badge status status--${status}`}>
      <span className="status__shape" aria-hidden="true" />
      {t(`planStatus.${status}`)}
    </span>
  );
}
