import type { CurrentObservation, Indicator, RegionRef } from '../../../api/types';
import { pointSource } from '../../../format/chartText';
import { quantityParts } from '../../../format/numbers';
import { formatYear } from '../../../format/plans';
import { useLocale } from '../../../i18n/useLocale';
import { FigureControls } from '../../figures/FigureControls';
import { SuppliedApproved } from '../../figures/SuppliedApproved';

/** Only http(s) addresses become links: a source URL is data, never a script. */
function httpUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The number large, its unit beside it in text size ("3.61" "× 100 million yuan"). */
function Quantity({ value, unit }: { value: number; unit: string }) {
  const { lang } = useLocale();
  const parts = quantityParts(value, unit, lang);
  return (
    <span className="observation__quantity">
      <span className="observation__number">{parts.number}</span>
      {parts.unit ? (
        <span className={parts.tight ? 'observation__unit observation__unit--tight' : 'observation__unit'}>
          {parts.tight ? parts.unit : ` ${parts.unit}`}
        </span>
      ) : null}
    </span>
  );
}

export function LatestObservation({
  observation,
  indicator,
  region,
  yesNo,
}: {
  observation: CurrentObservation | null;
  indicator: Indicator;
  /** the figure's region: with it, the figure's history and (for those allowed) entry controls */
  region?: RegionRef;
  /** the figure is 1 (done) or 0 (not done), shown in words */
  yesNo: boolean;
}) {
  const { lang, t } = useLocale();
  const unit = lang === 'en' ? indicator.unitEn : indicator.unit;
  if (observation === null) {
    return (
      <div className="observation observation--empty">
        <h4 className="observation__title">{t('target.latest')}</h4>
        <p className="observation__none">{t('target.noData')}</p>
        {region ? <FigureControls region={region} indicator={indicator} observation={null} /> : null}
      </div>
    );
  }
  const url = httpUrl(observation.sourceUrl);
  const shown = observation.published && observation.value !== null;
  return (
    // A plain block, not a <section>: sixty "region" landmarks would drown a screen reader's list.
    <div className={`observation${observation.isSample ? ' observation--sample' : ''}`}>
      <h4 className="observation__title">{t('target.latest')}</h4>
      <p className="observation__value">
        {!shown || observation.value === null ? (
          <span className="observation__number observation__number--words">{t('target.notPublished')}</span>
        ) : yesNo ? (
          <span className="observation__number observation__number--words">
            {t(observation.value >= 1 ? 'target.done' : 'target.notDone')}
          </span>
        ) : (
          <Quantity value={observation.value} unit={unit} />
        )}{' '}
        <span className="observation__year">{formatYear(observation.year, lang)}</span>
      </p>
      <p className="observation__badges">
        {observation.isSample ? (
          <span className="badge badge--sample" title={t('target.sampleHint')}>
            {t('target.sample')}
          </span>
        ) : null}
        <span className={`badge badge--vintage badge--${observation.vintage}`}>
          <span className="visually-hidden">{t('target.vintage')} </span>
          {t(`vintage.${observation.vintage}`)}
        </span>
        {/* revisionCount counts the figure's versions since its first publication, that one included */}
        {observation.revisionCount > 1 ? (
          <span className="observation__revisions">{t('target.revisions', { count: observation.revisionCount - 1 })}</span>
        ) : null}
      </p>
      <p className="observation__source">
        <span className="label">{t('target.source')}</span>{' '}
        {/* The seed's sample rows carry a bilingual placeholder title: the page says it in its language. */}
        {url ? (
          <a href={url} rel="noreferrer">
            {observation.sourceTitle}
          </a>
        ) : (
          pointSource(observation, lang)
        )}
      </p>
      <SuppliedApproved figure={observation} />
      {region ? <FigureControls region={region} indicator={indicator} observation={observation} /> : null}
    </div>
  );
}
