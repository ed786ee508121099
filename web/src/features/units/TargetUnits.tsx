import type { TargetUnit, TargetUnitRole } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { useLocale } from '../../i18n/useLocale';

const ROLES: readonly TargetUnitRole[] = ['lead', 'responsible'];

/**
 * A target's lead units (牵头单位) and responsible units (责任单位), each a link to its unit's page. A
 * form printed otherwise than the record's name (traditional 經濟區管委會) is said beside it.
 */
export function TargetUnits({ units, className = 'target-units' }: { units: readonly TargetUnit[]; className?: string }) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  if (units.length === 0) return null;
  return (
    <dl className={className} data-target-units="">
      {ROLES.map((role) => {
        const ofRole = units.filter((u) => u.role === role);
        if (ofRole.length === 0) return null;
        return (
          <div key={role} data-role={role}>
            <dt>{t(`units.${role}`)}</dt>
            <dd>
              <ul className="target-units__list">
                {ofRole.map((unit) => (
                  <li key={unit.id}>
                    <LangLink to={`/units/${unit.id}`} data-unit-id={unit.id}>
                      {en ? unit.nameEn : unit.nameZh}
                    </LangLink>
                    {en || unit.asPrinted !== unit.nameZh ? (
                      <span className="target-units__printed" lang="zh">
                        {' '}
                        {t('units.asPrinted', { form: unit.asPrinted })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
