import { checkFigure, type FigureFinding } from '../domain/figureChecks.js';
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
): { errors: FigureFinding[]; warnings: FigureFinding[] } {
  const indicator = repos.reference.indicator(figure.indicatorCode);
  if (!indicator) return { errors: [], warnings: [] };
  const findings = checkFigure({
    indicator,
    year: figure.year,
    value: figure.value,
    stored: repos.observations.currentRevisions(figure.regionCode, figure.indicatorCode),
  });
  return {
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning'),
  };
}
