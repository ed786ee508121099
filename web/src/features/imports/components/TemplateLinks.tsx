import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useLocale } from '../../../i18n/useLocale';
import { planQueries } from '../../plans/queries';
import { canWriteRegion } from '../../session/permissions';
import { useCurrentUser } from '../../session/queries';

/** The upload template of a plan (its indicators and years, for the plan's region), in three forms. */
export function TemplateLinks() {
  const { lang, t } = useLocale();
  const id = useId();
  const user = useCurrentUser();
  const plans = useQuery(planQueries.list());
  const usable = (plans.data ?? []).filter((p) => p.targetCount > 0);
  const mine = usable.filter((p) => canWriteRegion(user, p.region.code));
  const choices = mine.length > 0 ? mine : usable;
  const [chosen, setChosen] = useState<string>('');
  const plan = choices.find((p) => p.slug === chosen) ?? choices[0];
  const fileLang = lang === 'en' ? 'en' : 'zh';
  const base = plan ? `/api/plans/${encodeURIComponent(plan.slug)}/template` : '';
  const query = plan ? `region=${plan.region.code}&lang=${fileLang}` : '';

  return (
    <div className="template-links">
      <div className="field">
        <label htmlFor={`${id}-plan`}>{t('imports.template.plan')}</label>
        <select id={`${id}-plan`} value={plan?.slug ?? ''} onChange={(e) => setChosen(e.target.value)} disabled={!plan}>
          {choices.map((p) => (
            <option key={p.slug} value={p.slug}>
              {lang === 'en' ? p.titleEn : p.titleZh}
            </option>
          ))}
        </select>
      </div>
      {plan ? (
        <ul className="template-links__files">
          <li>
            <a href={`${base}.xlsx?${query}`} download>
              {t('imports.template.xlsx')}
            </a>
          </li>
          <li>
            <a href={`${base}.csv?${query}`} download>
              {t('imports.template.csv')}
            </a>
          </li>
          <li>
            <a href={`${base}.csv?${query}&encoding=gb18030`} download>
              {t('imports.template.csvGb')}
            </a>
          </li>
        </ul>
      ) : null}
      <p className="field__hint">{t('imports.template.hint')}</p>
    </div>
  );
}
