import { useState } from 'react';
import type { RegionOverview } from '../../../api/types';
import { LangLink } from '../../../app/LangLink';
import { useLocale } from '../../../i18n/useLocale';
import { ProgressStatusBadge } from '../../plans/components/ProgressStatusBadge';
import { needsAttention } from '../attention';
import { HEADLINE_CODES } from './HeadlineTile';

/**
 * Rows shown before "show all": three, so that the list and the four headline tiles below it are both
 * above the fold of a 1366 × 768 laptop (test/browser/dashboard.test.ts).
 */
export const ATTENTION_VISIBLE = 3;

/**
 * 需要关注 / Needs attention: the region's targets furthest behind, each with what must happen now,
 * first on the overview. A list of a few lines, so it stays above the fold with the page's heading.
 */
export function NeedsAttention({
  overview,
  regionName,
  asOf,
}: {
  overview: RegionOverview | undefined;
  regionName: string | null;
  asOf: number | null;
}) {
  const { lang, t } = useLocale();
  const [showAll, setShowAll] = useState(false);
  const en = lang === 'en';
  const headlineName = (code: string) =>
    (HEADLINE_CODES as readonly string[]).includes(code)
      ? t(`dashboard.indicatorShort.${code as (typeof HEADLINE_CODES)[number]}`)
      : null;
  const attention = overview?.attention;
  const list = attention
    ? needsAttention(attention.targets, { regionCode: overview.regionCode, asOf, lang, shortName: headlineName })
    : null;
  const planIds = new Set(attention?.targets.map((x) => x.target.planId));
  const plans = (overview?.plans ?? [])
    .filter((p) => planIds.has(p.plan.id))
    .map((p) => (en ? p.plan.titleEn : p.plan.titleZh))
    .join(en ? '; ' : '；');
  const hint = !attention
    ? t('dashboard.attention.hintInForce')
    : attention.scope === 'ended' && plans
      ? t('dashboard.attention.hintEnded', { region: regionName ?? '', plans })
      : t('dashboard.attention.hintInForce');
  const empty =
    attention && attention.targets.length === 0
      ? attention.scope === 'in_force'
        ? t('dashboard.attention.noneInForce')
        : attention.scope === 'ended'
          ? t('dashboard.attention.noneEnded')
          : t('dashboard.attention.noPlans')
      : null;

  return (
    <section
      className="dash-section attention"
      aria-labelledby="attention-heading"
      data-attention-scope={attention?.scope}
      aria-busy={!attention}
    >
      <div className="dash-section__head">
        <h2 id="attention-heading">{t('dashboard.attention.heading')}</h2>
        <p className="dash-section__hint">{hint}</p>
      </div>
      {!list ? (
        <div className="attention__loading" aria-hidden="true" />
      ) : empty ? (
        <p className="attention__empty">{empty}</p>
      ) : (
        <>
          <ol className="attention-list">
            {(showAll ? list.rows : list.rows.slice(0, ATTENTION_VISIBLE)).map((row) => (
              <li
                key={row.targetId}
                className={`attention-item pstatus-tone--${row.status}`}
                data-target-id={row.targetId}
                data-status={row.status}
              >
                <span className="attention-item__status">
                  <ProgressStatusBadge status={row.status} basis={row.basis} />
                </span>
                <span className="attention-item__name">
                  <LangLink to={row.href}>{row.name}</LangLink>
                  {row.region ? <span className="badge badge--region">{row.region}</span> : null}
                </span>
                <span className="attention-item__need" data-need={row.need?.kind}>
                  {row.need?.kind === 'pace' ? (
                    <>
                      <strong>{row.need.text}</strong> <span className="attention-item__period">{row.need.period}</span>
                    </>
                  ) : row.need ? (
                    <strong>{row.need.text}</strong>
                  ) : null}
                </span>
                <span className="attention-item__facts">
                  <span className="attention-item__target">
                    <span className="label">{t('target.target')}</span> {row.target}
                  </span>
                  {row.figure ? (
                    <span className="attention-item__figure">
                      <span className="label">{t('format.progress.basis.judgedOnLabel')}</span> {row.figure}
                      {row.figureIsSample ? <span className="badge badge--sample">{t('target.sample')}</span> : null}
                    </span>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
          {list.rows.length > ATTENTION_VISIBLE || list.more > 0 ? (
            <p className="attention__more">
              {list.rows.length > ATTENTION_VISIBLE ? (
                <button
                  type="button"
                  className="link-button attention__toggle"
                  aria-expanded={showAll}
                  onClick={() => setShowAll((v) => !v)}
                >
                  {showAll ? t('dashboard.attention.showFewer') : t('dashboard.attention.showAll', { count: list.rows.length })}
                </button>
              ) : null}
              {list.more > 0 ? <span>{t('dashboard.attention.more', { count: list.more })}</span> : null}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
