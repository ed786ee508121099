import type { RegionRef, Target } from '../../../api/types';
import { describeBase, describeMilestone, describeTarget, isYesNoTarget, unitOf } from '../../../format/targets';
import { useLocale } from '../../../i18n/useLocale';
import { LatestObservation } from './LatestObservation';

export function TargetCard({ target, planRegion }: { target: Target; planRegion: RegionRef }) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const headingId = `target-${target.id}`;
  const base = describeBase(target, lang);
  const yesNo = isYesNoTarget(target);
  const unit = yesNo ? '' : unitOf(target, lang);
  return (
    <article className="target-card" aria-labelledby={headingId}>
      <header className="target-card__head">
        <h3 id={headingId}>{en ? target.indicator.nameEn : target.indicator.nameZh}</h3>
        <p className="target-card__tags">
          <span className="badge badge--type">{t(`targetType.${target.type}`)}</span>
          {target.commitment ? (
            <span className={`badge badge--commitment badge--${target.commitment}`}>
              <span className="visually-hidden">{t('target.commitment')} </span>
              {t(`commitment.${target.commitment}`)}
            </span>
          ) : null}
          {target.region.code !== planRegion.code ? (
            <span className="badge badge--region">
              <span className="visually-hidden">{t('target.region')} </span>
              {en ? target.region.nameEn : target.region.nameZh}
            </span>
          ) : null}
          {unit ? (
            <span className="target-card__unit">
              {t('target.unit')} {unit}
            </span>
          ) : null}
        </p>
      </header>
      <div className="target-card__body">
        <div className="target-card__main">
          <dl className="target-facts">
            <div className="target-facts__goal">
              <dt>{t('target.target')}</dt>
              <dd className={target.valueUnknown ? 'is-masked' : undefined}>{describeTarget(target, lang)}</dd>
            </div>
            {base ? (
              <div>
                <dt>{t('target.base')}</dt>
                <dd>{base}</dd>
              </div>
            ) : null}
            {target.milestones.length > 0 ? (
              <div>
                <dt>{t('target.milestones')}</dt>
                <dd>
                  <ul className="milestones">
                    {target.milestones.map((m) => (
                      <li key={m.year}>{describeMilestone(m, target, lang)}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
          </dl>
          <figure className="clause">
            <figcaption>{t('target.clause')}</figcaption>
            <blockquote lang="zh">
              <p>{target.clause}</p>
            </blockquote>
          </figure>
          {target.note ? (
            <p className="note">
              <span className="note__label">{t('common.note')}</span> <span lang="en">{target.note}</span>
            </p>
          ) : null}
        </div>
        <LatestObservation observation={target.latestObservation} indicator={target.indicator} yesNo={yesNo} />
      </div>
    </article>
  );
}
