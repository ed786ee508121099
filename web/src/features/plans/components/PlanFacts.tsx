import type { PlanSummary } from '../../../api/types';
import { formatDate, formatPeriod, noteIn } from '../../../format/plans';
import { useLocale } from '../../../i18n/useLocale';
import { StatusBadge } from './StatusBadge';

/** The document's particulars: number, issuer, dates, region, status and source. */
export function PlanFacts({ plan }: { plan: PlanSummary }) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const none = <span className="muted">{t('common.none')}</span>;
  const statusNote = noteIn({ zh: plan.statusNoteZh, en: plan.statusNoteEn }, lang);
  return (
    <dl className="facts facts--plan" aria-label={t('plan.details')}>
      <div>
        <dt>{t('plan.docNumber')}</dt>
        <dd>{plan.docNumber ?? none}</dd>
      </div>
      <div>
        <dt>{t('plan.issuer')}</dt>
        <dd>{en ? plan.issuerEn : plan.issuerZh}</dd>
      </div>
      <div>
        <dt>{t('plan.issueDate')}</dt>
        <dd>{plan.issueDate ? formatDate(plan.issueDate, lang) : none}</dd>
      </div>
      <div>
        <dt>{t('plan.period')}</dt>
        <dd>{formatPeriod(plan.periodStart, plan.periodEnd, lang)}</dd>
      </div>
      <div>
        <dt>{t('plan.region')}</dt>
        <dd>{en ? plan.region.nameEn : plan.region.nameZh}</dd>
      </div>
      <div>
        <dt>{t('plan.status')}</dt>
        <dd>
          <StatusBadge status={plan.status} />
          {statusNote ? (
            <span className="facts__aside" lang={statusNote.lang}>
              {statusNote.text}
            </span>
          ) : null}
        </dd>
      </div>
      <div className="facts__wide">
        <dt>{t('plan.source')}</dt>
        <dd>
          {/* The file name is in the technical details (TechDetails): a reader needs the title. */}
          <span lang="zh">{plan.source.title}</span>
        </dd>
      </div>
    </dl>
  );
}
