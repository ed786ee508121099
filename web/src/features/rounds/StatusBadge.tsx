import type { RoundItemStatus } from '../../api/types';
import { useLocale } from '../../i18n/useLocale';

/** An item's status: its word always, its colour only doubling it. */
export function StatusBadge({ status }: { status: RoundItemStatus }) {
  const { t } = useLocale();
  return <span className={`rbadge rbadge--${status}`}>{t(`rounds.status.${status}`)}</span>;
}
