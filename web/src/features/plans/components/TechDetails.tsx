import type { PlanDetail } from '../../../api/types';
import { formatNumber } from '../../../format/numbers';
import { privateUseCodePoints } from '../../../format/plans';
import { useLocale } from '../../../i18n/useLocale';

/**
 * 技术说明 / Technical details: what a reviewer of the data needs and a leader does not, folded away:
 * the source document's file name, the plan's key (its address in links and report names), and the
 * damaged characters of the source with their code points. The notes above say the same in words.
 */
export function TechDetails({ plan }: { plan: PlanDetail }) {
  const { lang, t } = useLocale();
  const damaged = plan.targets.flatMap((target) => {
    const codes = privateUseCodePoints(target.clause);
    return codes.length > 0 ? [{ target, codes }] : [];
  });
  return (
    <details className="tech-details" data-tech-details>
      <summary>{t('plan.tech.title')}</summary>
      <dl className="tech-details__list">
        <div>
          <dt>{t('plan.tech.sourceFile')}</dt>
          <dd>
            <code>{plan.source.fileName}</code>
          </dd>
        </div>
        <div>
          <dt>{t('plan.tech.slug')}</dt>
          <dd>
            <code>{plan.slug}</code>
          </dd>
        </div>
        {damaged.length > 0 ? (
          <div>
            <dt>{t('plan.tech.damaged')}</dt>
            <dd>
              <ul>
                {damaged.map(({ target, codes }) => (
                  <li key={target.id}>
                    <code>{target.key}</code>{' '}
                    {target.valueAsPrinted !== null && target.value !== null
                      ? t('plan.tech.damagedReading', {
                          codes: codes.join(', '),
                          printed: formatNumber(target.valueAsPrinted, lang),
                          read: formatNumber(target.value, lang),
                        })
                      : t('plan.tech.damagedChar', { codes: codes.join(', ') })}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
    </details>
  );
}
