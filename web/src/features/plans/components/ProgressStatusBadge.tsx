import type { ProgressStatus } from '../../../api/types';
import { describeStatus } from '../../../format/progress';
import { useLocale } from '../../../i18n/useLocale';
import { StatusIcon } from './StatusIcon';

/**
 * A target's verdict: its word and its shape, the colour only doubling them. A verdict that rests on
 * sample figures carries the sample label inside the badge, so it is never read without it.
 */
export function ProgressStatusBadge({
  status,
  size = 'normal',
  basis = null,
  basisTitle,
  label: labelOverride,
}: {
  status: ProgressStatus;
  size?: 'normal' | 'large';
  /** what the verdict rests on; 'sample' adds the label */
  basis?: 'published' | 'sample' | null;
  /** the label's tooltip, where the place has no room for the sentence (the sample years, the published verdict) */
  basisTitle?: string;
  /** the word for this target where it differs from the status's own (未录入: describeTargetStatus) */
  label?: string;
}) {
  const { lang, t } = useLocale();
  const { label: statusLabel, icon } = describeStatus(status, lang);
  const label = labelOverride ?? statusLabel;
  return (
    <span
      className={`pstatus pstatus-tone--${status}${size === 'large' ? ' pstatus--large' : ''}${basis === 'sample' ? ' pstatus--sample' : ''}`}
      data-status={status}
      data-basis={basis ?? undefined}
    >
      <StatusIcon icon={icon} />
      <span className="pstatus__label">{label}</span>
      {basis === 'sample' ? (
        <span className="pstatus__basis" title={basisTitle || t('target.sampleHint')}>
          {t('format.progress.basis.label')}
        </span>
      ) : null}
    </span>
  );
}
