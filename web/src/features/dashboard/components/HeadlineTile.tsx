import type { Indicator } from '../../../api/types';
import { LangLink } from '../../../app/LangLink';
import { describeDataGaps } from '../../../format/chartText';
import { formatQuantity, quantityParts } from '../../../format/numbers';
import { formatYear } from '../../../format/plans';
import {
  describeBasis,
  describeFlags,
  describePublishedOnly,
  formatPace,
  formatPacePeriod,
  judgedObservation,
} from '../../../format/progress';
import { describeTarget } from '../../../format/targets';
import { useLocale } from '../../../i18n/useLocale';
import { sparkline } from '../../charts/sparkline';
import { ProgressStatusBadge } from '../../plans/components/ProgressStatusBadge';
import type { Headline } from '../types';
import { searchWith } from '../urlState';

/** The four headline indicators, in the order the overview shows them (the API's order). */
export const HEADLINE_CODES = ['rd_intensity', 'valid_invention_patents', 'high_tech_firms', 'tech_contract_turnover'] as const;

export function useIndicatorName() {
  const { lang, t } = useLocale();
  return (indicator: Pick<Indicator, 'code' | 'nameZh' | 'nameEn'>) => {
    const short = (HEADLINE_CODES as readonly string[]).includes(indicator.code)
      ? t(`dashboard.indicatorShort.${indicator.code as (typeof HEADLINE_CODES)[number]}`)
      : null;
    return short ?? (lang === 'en' ? indicator.nameEn : indicator.nameZh);
  };
}

function BigQuantity({ value, unit }: { value: number; unit: string }) {
  const { lang } = useLocale();
  const parts = quantityParts(value, unit, lang);
  return (
    <span className="tile__quantity">
      <span className="tile__number">{parts.number}</span>
      {parts.unit ? <span className="tile__unit">{parts.tight ? parts.unit : ` ${parts.unit}`}</span> : null}
    </span>
  );
}

function TileSparkline({ headline }: { headline: Headline }) {
  const { result, target } = headline;
  const figures = (result?.inputs.observations ?? [])
    .filter((o): o is typeof o & { value: number } => o.value !== null)
    .map((o) => ({ year: o.year, value: o.value, isSample: o.isSample }));
  const goal =
    result?.inputs.targetValue != null && target?.targetYear != null
      ? { year: target.targetYear, value: result.inputs.targetValue }
      : null;
  const line = sparkline(figures, goal);
  if (line.points.length === 0) return <div className="tile__spark tile__spark--empty" aria-hidden="true" />;
  return (
    <div className="tile__spark-wrap">
      <svg
        className="tile__spark"
        viewBox={`0 0 ${line.width} ${line.height}`}
        width={line.width}
        height={line.height}
        aria-hidden="true"
        focusable="false"
        preserveAspectRatio="none"
      >
        {line.targetY !== null ? (
          <line x1="0" x2={line.width} y1={line.targetY} y2={line.targetY} className="tile__spark-goal-line" />
        ) : null}
        {line.path ? <path d={line.path} className="tile__spark-line" /> : null}
        {/* Dots are zero-length strokes with round caps: they stay round when the line is stretched. */}
        {line.points.map((p) => (
          <g key={p.year} className={p.isSample ? 'tile__spark-dot is-sample' : 'tile__spark-dot'}>
            <path d={`M${p.x} ${p.y}h0`} className="tile__spark-dot-outer" />
            {p.isSample ? <path d={`M${p.x} ${p.y}h0`} className="tile__spark-dot-inner" /> : null}
          </g>
        ))}
        {line.target ? <path d={`M${line.target.x} ${line.target.y}h0`} className="tile__spark-goal" /> : null}
      </svg>
      {/* The years at both ends, so the line's span is read, not guessed (the chart page has the rest). */}
      {line.years && line.years.last !== line.years.first ? (
        <p className="tile__spark-years" aria-hidden="true">
          <span data-spark-year="first">{line.years.first}</span>
          <span data-spark-year="last">{line.years.last}</span>
        </p>
      ) : null}
    </div>
  );
}

/** A placeholder of the same size, named, while the region's figures load (no layout shift). */
export function HeadlineTileSkeleton({ code }: { code: (typeof HEADLINE_CODES)[number] }) {
  const { t } = useLocale();
  return (
    <article className="tile tile--loading" aria-busy="true">
      <h3 className="tile__title">{t(`dashboard.indicatorShort.${code}`)}</h3>
      <p className="tile__loading">
        <span className="spinner" aria-hidden="true" /> {t('dashboard.overview.loadingTile')}
      </p>
    </article>
  );
}

/**
 * One headline indicator: its latest figure (year, vintage, sample), the target, the verdict in word
 * and shape, and the pace in words. The whole tile links to the target's chart.
 */
export function HeadlineTile({
  headline,
  region,
  asOf,
  expectedYear,
  periodStart,
}: {
  headline: Headline;
  region: string;
  asOf: number | null;
  /** the last year a figure could be published for: gaps up to it are named */
  expectedYear: number;
  /** the first year of the target's plan, for a target without any figure */
  periodStart: number | null;
}) {
  const { lang, t } = useLocale();
  const indicatorName = useIndicatorName();
  const { indicator, latestObservation: latest, target, result } = headline;
  const unit = lang === 'en' ? indicator.unitEn : indicator.unit;
  const name = indicatorName(indicator);
  const titleId = `tile-${indicator.code}`;
  const flags = result ? describeFlags(result.flags, unit, lang).filter((f) => f.prominent) : [];
  const required = result?.requiredAnnualPace ?? null;
  const achieved = result?.paceAchieved ?? null;
  const shown = latest?.published && latest.value !== null ? latest.value : null;
  // The figure the verdict rests on, where it is not the one shown large (a frozen verdict, or an
  // earlier as-of year): named, with its sample label, so the badge is never read against 84 when it
  // was given on 62.
  const judged = result ? judgedObservation(result) : null;
  const judgedElsewhere =
    judged !== null && (latest === null || judged.year !== latest.year || judged.value !== shown) ? judged : null;
  const publishedOnly = result ? describePublishedOnly(result, lang) : null;
  const gapFrom = latest ? latest.year : (periodStart ?? target?.targetYear ?? null);
  const gaps = gapFrom === null ? null : describeDataGaps(latest ? [latest.year] : [], gapFrom, expectedYear, lang);
  const to = target
    ? `/targets/${target.id}${searchWith('', { asOf: asOf })}`
    : `/compare${searchWith('', { indicator: indicator.code, region })}`;

  return (
    <article
      className={`tile${result ? ` pstatus-tone--${result.status}` : ' tile--no-target'}`}
      aria-labelledby={titleId}
      data-headline={indicator.code}
    >
      <div className="tile__head">
        <h3 className="tile__title" id={titleId}>
          <LangLink to={to} className="stretched-link" title={lang === 'en' ? indicator.nameEn : indicator.nameZh}>
            {name}
          </LangLink>
        </h3>
        {result ? (
          <ProgressStatusBadge
            status={result.status}
            basis={result.basis}
            basisTitle={[describeBasis(result, lang)?.text, publishedOnly].filter(Boolean).join(lang === 'en' ? '; ' : '；')}
          />
        ) : (
          <span className="tile__no-verdict">{t('dashboard.overview.notJudged')}</span>
        )}
      </div>

      <div className="tile__figure">
        {shown !== null && latest ? (
          <>
            <p className="tile__value">
              <BigQuantity value={shown} unit={unit} />
              <span className="tile__year">{formatYear(latest.year, lang)}</span>
            </p>
            <p className="tile__badges">
              {latest.isSample ? (
                <span className="badge badge--sample" title={t('target.sampleHint')}>
                  {t('target.sample')}
                </span>
              ) : null}
              <span className={`badge badge--vintage badge--${latest.vintage}`}>
                <span className="visually-hidden">{t('target.vintage')} </span>
                {t(`vintage.${latest.vintage}`)}
              </span>
            </p>
          </>
        ) : (
          <p className="tile__value tile__value--none">
            {latest && !latest.published ? t('target.notPublished') : t('dashboard.overview.noData')}
          </p>
        )}
        <TileSparkline headline={headline} />
      </div>

      <dl className="tile__facts">
        <div>
          <dt>{t('dashboard.overview.target')}</dt>
          <dd>{target ? describeTarget({ ...target, indicator }, lang) : t('dashboard.overview.noTarget')}</dd>
        </div>
        {judgedElsewhere ? (
          // A verdict given on another figure than the one shown large (the target year's, or an
          // earlier as-of year's): that figure, with its label, in place of a pace that is history.
          <div className="tile__judged" data-judged-year={judgedElsewhere.year}>
            <dt>{t('format.progress.basis.judgedOnLabel')}</dt>
            <dd>
              <strong>{formatQuantity(judgedElsewhere.value, unit, lang)}</strong>{' '}
              <span className="tile__period">{formatYear(judgedElsewhere.year, lang)}</span>
              {judgedElsewhere.isSample ? (
                <>
                  {' '}
                  <span className="badge badge--sample">{t('format.progress.basis.label')}</span>
                </>
              ) : null}
            </dd>
          </div>
        ) : required ? (
          <div className="tile__pace">
            <dt>{t('dashboard.overview.requiredPace')}</dt>
            <dd>
              <strong>{formatPace(required, unit, 'required', lang)}</strong>{' '}
              <span className="tile__period">{formatPacePeriod(required, lang)}</span>
            </dd>
          </div>
        ) : achieved ? (
          <div className="tile__pace">
            <dt>{t('dashboard.overview.achievedPace')}</dt>
            <dd>
              {formatPace(achieved, unit, 'achieved', lang)}{' '}
              <span className="tile__period">{formatPacePeriod(achieved, lang)}</span>
            </dd>
          </div>
        ) : null}
      </dl>

      {flags.map((flag) => (
        <p key={flag.code} className="tile__flag" data-flag={flag.code}>
          <svg className="tile__flag-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M8 1.5 15 14H1L8 1.5Z" fill="currentColor" />
            <path d="M8 6v3.5" stroke="#fff" strokeWidth="1.75" strokeLinecap="round" />
            <circle cx="8" cy="11.75" r="1" fill="#fff" />
          </svg>
          {flag.text}
        </p>
      ))}
      <div className="tile__foot">
        {gaps ? (
          <p className="tile__gaps" data-gaps="">
            {gaps}
          </p>
        ) : null}
        <p className="tile__more" aria-hidden="true">
          {target ? t('dashboard.overview.openChart') : t('dashboard.overview.compareRegions')} →
        </p>
      </div>
    </article>
  );
}
