import type { ProgressStatus } from '../../../api/types';
import { describeStatus } from '../../../format/progress';
import { useLocale } from '../../../i18n/useLocale';
import { StatusIcon } from './StatusIcon';

/** A target's verdict: its word and its shape, the colour only doubling them. */
export function ProgressStatusBadge({ status, size = 'normal' }: { status: ProgressStatus; size?: 'normal' | 'large' }) {
  const { lang } = useLocale();
  const { label, icon } = describeStatus(status, lang);
  return (
    <span className={`pstatus pstatus-tone--${status}${size === 'large' ? ' pstatus--large' : ''}`} data-status={status}>
      <StatusIcon icon={icon} />
      <span className="pstatus__label">{label}</span>
    </span>
  );
}
