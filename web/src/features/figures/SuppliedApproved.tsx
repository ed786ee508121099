import { useLocale } from '../../i18n/useLocale';

/** "填报：X　审核：Y": a figure published by a reviewer's approval names both people. */
export function SuppliedApproved({ figure }: { figure: { submittedBy?: string | null; approvedBy?: string | null } }) {
  const { t } = useLocale();
  if (!figure.approvedBy || !figure.submittedBy) return null;
  return (
    <p className="supplied-approved" data-approved-by={figure.approvedBy}>
      {t('review.figure.suppliedApproved', { by: figure.submittedBy, approver: figure.approvedBy })}
    </p>
  );
}
