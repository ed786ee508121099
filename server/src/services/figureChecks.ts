import { checkFigure, type FigureFinding } from '../domain/figureChecks.js';
import { type RelatedFigure, relatedIndicators } from '../domain/reviewRules.js';
import type { Repositories } from '../repositories/index.js';

/**
 * The figure checks (domain/figureChecks.ts) for one figure about to be written, with its indicator
 * and the figures it is compared with read from the database. Every path that writes a single figure
 * calls this inside its write transaction, so the figures compared with are the ones it replaces;
 * an upload's preview calls the domain function itself, for all its rows at once.
 */
export function checkFigureToWrite(
  repos: Repositories,
  figure: { regionCode: string; indicatorCode: string; year: number; value: number | null },
  /** Review is on: the review rules run too (domain/reviewRules.ts), with the related published figures. */
  options: { review?: boolean } = {},
): { errors: FigureFinding[]; warnings: FigureFinding[] } {
  const indicator = repos.reference.indicator(figure.indicatorCode);
  if (!indicator) return { errors: [], warnings: [] };
  const findings = checkFigure({
    indicator,
    year: figure.year,
    value: figure.value,
    stored: repos.observations.currentRevisions(figure.regionCode, figure.indicatorCode),
    review: options.review ? { related: relatedPublished(repos, figure) } : null,
  });
  return {
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning'),
  };
}

/** The published figures of related indicators (reviewRules.ts) of the same region and year. */
function relatedPublished(
  repos: Repositories,
  figure: { regionCode: string; indicatorCode: string; year: number },
): RelatedFigure[] {
  return relatedIndicators(figure.indicatorCode).flatMap((code): RelatedFigure[] => {
    const other = repos.reference.indicator(code);
    const current = repos.observations.currentOfYear(figure.regionCode, code, figure.year);
    if (!other || !current || current.value === null || current.isSample) return [];
    return [{ indicatorCode: code, nameZh: other.nameZh, nameEn: other.nameEn, value: current.value, from: 'published' }];
  });
}
