import type { ProgressResult, RegionRef, Target } from '../../../api/types';
import { describeMilestoneVerdict, milestoneIcon } from '../../../format/progress';
import { describeBase, describeMilestone, describeTarget, isYesNoTarget, unitOf } from '../../../format/targets';
import { useLocale } from '../../../i18n/useLocale';
import { TargetComments } from '../../comments/TargetComments';
import { TargetChartLink } from '../../dashboard/components/TargetChartLink';
import { TargetUnits } from '../../units/TargetUnits';
import { LatestObservation } from './LatestObservation';
import { Note } from './Note';
import { StatusIcon } from './StatusIcon';
import { TargetVerdict } from './TargetVerdict';

export function TargetCard({
  target,
  planRegion,
  progress,
  judging,
}: {
  target: Target;
  planRegion: RegionRef;
  /** the verdict as of the chosen year; undefined while it loads or when it could not be loaded */
  progress: ProgressResult | undefined;
  judging: boolean;
}) {
  const { lang, t } = useLocale();
  const en = lang === 'en';
  const headingId = `target-${target.id}`;
  const base = describeBase(target, lang);
  const yesNo = isYesNoTarget(target);
  const unit = yesNo ? '' : unitOf(target, lang);
  const fullUnit = unitOf(target, lang);
  const verdictOf = (year: number) => progress?.milestones.find((m) => m.year === year);
  return (
    <article
      className={`target-card${progress ? ` pstatus-tone--${progress.status}` : ''}`}
      aria-labelledby={headingId}
      data-indicator={target.indicator.code}
    >
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
          <TargetChartLink targetId={target.id} name={en ? target.indicator.nameEn : target.indicator.nameZh} />
        </p>
      </header>
      {progress ? (
        <TargetVerdict result={progress} unit={fullUnit} yesNo={yesNo} targetYear={target.targetYear} />
      ) : judging ? (
        <p className="verdict verdict--pending">{t('progress.judging')}</p>
      ) : null}
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
                    {target.milestones.map((m) => {
                      // A passed milestone keeps its own verdict (pending ones are still to come).
                      const verdict = verdictOf(m.year);
                      const icon = verdict ? milestoneIcon(verdict) : null;
                      return (
                        <li key={m.year}>
                          {describeMilestone(m, target, lang)}
                          {verdict && icon ? (
                            <span
                              className={`milestone-verdict pstatus-tone--${verdict.status}`}
                              data-milestone-status={verdict.status}
                            >
                              <span className="visually-hidden">{t('progress.milestoneVerdict')} </span>
                              <StatusIcon icon={icon} />
                              {describeMilestoneVerdict(verdict, fullUnit, lang)}
                            </span>
                          ) : null}
                        </li>
                      );
                    })}
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
          <TargetUnits units={target.units} />
          <Note zh={target.noteZh} en={target.noteEn} />
        </div>
        <LatestObservation
          observation={target.latestObservation}
          indicator={target.indicator}
          region={target.region}
          yesNo={yesNo}
        />
      </div>
      <TargetComments target={target} />
    </article>
  );
}
